#include "TokenVault.h"

#include <QMetaObject>

#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace dimos {

namespace {
const QString kService = u"dimos-desk"_s;

TokenVault::Result resultOf(QKeychain::Error error)
{
    switch (error) {
    case QKeychain::NoError:
        return TokenVault::Result::Ok;
    case QKeychain::EntryNotFound:
        return TokenVault::Result::NotFound;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return TokenVault::Result::NoBackend;
    default:
        return TokenVault::Result::Failed;
    }
}
} // namespace

void KeychainVault::read(const QString &key, ReadDone done)
{
    auto *job = new QKeychain::ReadPasswordJob(kService, this);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [job, done = std::move(done)] {
        const Result r = resultOf(job->error());
        done(r == Result::Ok && job->textData().isEmpty() ? Result::NotFound : r, job->textData());
    });
    job->start();
}

void KeychainVault::write(const QString &key, const QString &token, Done done)
{
    auto *job = new QKeychain::WritePasswordJob(kService, this);
    job->setKey(key);
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, this, [job, done = std::move(done)] {
        if (done)
            done(resultOf(job->error()));
    });
    job->start();
}

void KeychainVault::remove(const QString &key, Done done)
{
    auto *job = new QKeychain::DeletePasswordJob(kService, this);
    job->setKey(key);
    connect(job, &QKeychain::Job::finished, this, [job, done = std::move(done)] {
        if (done)
            done(resultOf(job->error()));
    });
    job->start();
}

void MemoryVault::later(std::function<void()> f)
{
    QMetaObject::invokeMethod(this, std::move(f), Qt::QueuedConnection);
}

void MemoryVault::read(const QString &key, ReadDone done)
{
    later([this, key, done = std::move(done)] {
        if (!m_available)
            done(Result::NoBackend, {});
        else if (const auto it = m_entries.constFind(key); it != m_entries.cend())
            done(Result::Ok, *it);
        else
            done(Result::NotFound, {});
    });
}

void MemoryVault::write(const QString &key, const QString &token, Done done)
{
    later([this, key, token, done = std::move(done)] {
        if (m_available)
            m_entries.insert(key, token);
        if (done)
            done(m_available ? Result::Ok : Result::NoBackend);
    });
}

void MemoryVault::remove(const QString &key, Done done)
{
    later([this, key, done = std::move(done)] {
        const bool had = m_available && m_entries.remove(key) > 0;
        if (done)
            done(!m_available ? Result::NoBackend : had ? Result::Ok : Result::NotFound);
    });
}

} // namespace dimos
