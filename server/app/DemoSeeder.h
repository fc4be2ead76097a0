#pragma once

#include <QString>
#include <QStringList>

namespace dimos {

class Server;

// Fills a database with the demo municipality (resources/demo/municipality.json, compiled
// in): departments, categories with their fields, staff accounts and sample reports at
// random places inside the boundary. Everything it writes is marked as demo data. Running
// it again adds nothing that is already there.
class DemoSeeder final
{
public:
    static constexpr auto kDemoPassword = "serres-demo-2026";

    explicit DemoSeeder(Server &server) : m_server(server) { }

    // Returns false with *error on failure; *summary gets lines for the operator.
    bool seed(int reportCount, QStringList *summary, QString *error);

private:
    Server &m_server;
};

} // namespace dimos
