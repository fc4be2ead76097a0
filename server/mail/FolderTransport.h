#pragma once

#include "server/mail/MailTransport.h"

namespace dimos {

// mail/mode = folder: each mail becomes <folder>/<created, UTC>-<id>.eml, the message exactly
// as SMTP would carry it, which any mail program opens. For development and demos. The file
// appears whole or not at all (written to a temporary name, then renamed).
class FolderTransport final : public MailTransport
{
public:
    explicit FolderTransport(QString folder);
    SendResult send(const OutgoingMessage &message) override;
    QString fileName(const OutgoingMessage &message) const;

private:
    QString m_folder;
};

} // namespace dimos
