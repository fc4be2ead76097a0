#pragma once

namespace dimos {

class Router;
struct AppContext;

// Administration beside StaffApi's department, category and user CRUD (docs/api/rest.md,
// docs/ADMIN.md): routing rules (admins), the areas a rule may name, an administrator's
// password reset of a user (the new password shown once, every session ended), and the
// signed-in user's own password change.
void registerAdminApi(Router &router, AppContext &ctx);

} // namespace dimos
