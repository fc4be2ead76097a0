#pragma once

namespace dimos {

class MessageCatalog;
class Router;
struct AppContext;

// Atom feeds (RFC 4287) of the public reports, for feed readers and other sites:
//   GET /feeds/reports.atom                      the newest public reports
//       ?category=<code>                         of one category (404 for an unknown code)
//       ?lat=&lon=&radius=<metres>               within a circle (radius 10 m – 20 km)
//       ?lang=en                                 English texts (Greek by default)
//   GET /feeds/reports/{id}.atom                 one report's public timeline: filed, status
//                                                changes and public notes
// Only public reports and public history lines appear, never the reporter's identity. Each
// entry links to the report's page on the citizens' web pages. Answers are cached like the
// Open311 reads (any write empties the cache).
void registerAtomFeeds(Router &router, AppContext &ctx, const MessageCatalog &messages);

} // namespace dimos
