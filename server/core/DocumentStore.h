#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

#include "server/core/PhotoProcessor.h"

namespace dimos {

// What one upload of supporting documents may hold (requests/max_document_mib,
// requests/max_documents).
struct DocumentLimits
{
    qint64 maxBytes = 10 * 1024 * 1024;
    int maxCount = 10;
};

// A file a citizen sent with a request, as received.
struct UploadedDocument
{
    QString requirementCode; // request_type_documents.code, or empty for an extra one
    QString fileName;
    QByteArray declaredType; // the Content-Type the upload named (may be empty)
    QByteArray data;
};

// A document that passed the checks: its type from its content, and its content address.
struct CheckedDocument
{
    QString mediaType; // application/pdf, image/jpeg or image/png
    QString sha256; // lower-case hex
    qint64 size = 0;
};

// The supporting documents and issued answers of e-Dimotis requests: personal files, kept
// content-addressed under <data>/documents/ab/cd/<sha256> (never under /media, which is public),
// written to a temporary file and renamed into place like MediaStore's, so a crash never leaves
// half a file under a real name.
class DocumentStore final
{
public:
    explicit DocumentStore(QString root) : m_root(std::move(root)) { }

    // Stores `data` under its SHA-256; returns the digest, or nothing with *error on I/O failure.
    std::optional<QString> put(const QByteArray &data, QString *error);
    std::optional<QByteArray> get(const QString &sha256Hex) const;
    QString pathFor(const QString &sha256Hex) const;

    // Checks one document by its content, whatever its name or declared type says: a PDF
    // (starts with "%PDF-", "%%EOF" in its last 1 KiB, no ZIP directory inside) or a JPEG or
    // PNG that decodes within the photo limits (core/PhotoProcessor: header pixel limits,
    // decompression bombs, data appended after the image, embedded PDF or ZIP). Refuses a
    // declared type that contradicts the content, an empty file and one over
    // limits.maxBytes. Throws ApiError Validation naming the file and what to do.
    static CheckedDocument check(
        const UploadedDocument &document, const DocumentLimits &limits, const PhotoLimits &photoLimits);

private:
    QString m_root;
};

} // namespace dimos
