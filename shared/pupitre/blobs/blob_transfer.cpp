#include "pupitre/blobs/blob_transfer.h"

#include "pupitre/blobs/sha256.h"
#include "pupitre/store/value.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <set>
#include <thread>

namespace pupitre::blobs {
namespace {

constexpr int kChunkRetries = 3;

bool isCode(const sync::ApiRefusal& e, const char* code)
{
  return e.error().code == code;
}

} // namespace

std::string humanBytes(std::int64_t bytes)
{
  const char* units[] = {"bytes", "KB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1000 && unit < 4) {
    value /= 1000;
    ++unit;
  }
  if (unit == 0) {
    return std::to_string(bytes) + " bytes";
  }
  return store::formatFixed(value, value < 10 ? 1 : 0) + " " + units[unit];
}

BlobTransfer::BlobTransfer(BlobStore& store, BlobClient& client, TransferOptions options)
    : m_store(store), m_client(&client), m_options(options)
{
  m_options.chunkBytes = std::max<std::int64_t>(m_options.chunkBytes, 1024);
  m_options.parallel = 1;
}

BlobTransfer::BlobTransfer(BlobStore& store, BlobClientFactory clients, TransferOptions options)
    : m_store(store), m_clients(std::move(clients)), m_options(options)
{
  m_options.chunkBytes = std::max<std::int64_t>(m_options.chunkBytes, 1024);
  m_options.parallel = std::clamp(m_options.parallel, 1, 16);
}

void BlobTransfer::advance(std::int64_t bytes, std::int64_t moreTotal)
{
  std::lock_guard lock(m_progressMutex);
  m_progress.done += bytes;
  m_progress.total += moreTotal;
  if (m_report) {
    m_report(m_progress);
  }
}

namespace {

void merge(TransferReport& into, const TransferReport& from)
{
  into.uploaded += from.uploaded;
  into.downloaded += from.downloaded;
  into.bytesSent += from.bytesSent;
  into.bytesReceived += from.bytesReceived;
  into.notOnServer += from.notOnServer;
  into.refused.insert(into.refused.end(), from.refused.begin(), from.refused.end());
  into.warnings.insert(into.warnings.end(), from.warnings.begin(), from.warnings.end());
  if (from.storage.quota > 0 && from.storage.used >= into.storage.used) {
    into.storage = from.storage;
  }
}

} // namespace

void BlobTransfer::forEach(
    std::size_t count, const std::function<void(BlobClient&, std::size_t, TransferReport&)>& work,
    TransferReport& report)
{
  if (m_client || count <= 1) {
    std::unique_ptr<BlobClient> own;
    BlobClient* client = m_client;
    if (!client) {
      own = m_clients();
      client = own.get();
    }
    for (std::size_t i = 0; i < count; ++i) {
      work(*client, i, report);
    }
    return;
  }
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::mutex mutex;
  std::exception_ptr firstError;
  const auto threads = std::min<std::size_t>(count, static_cast<std::size_t>(m_options.parallel));
  std::vector<TransferReport> reports(threads);
  std::vector<std::thread> workers;
  for (std::size_t t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      try {
        auto client = m_clients();
        for (std::size_t i = next++; i < count && !failed; i = next++) {
          work(*client, i, reports[t]);
        }
      } catch (...) {
        std::lock_guard lock(mutex);
        failed = true;
        if (!firstError) {
          firstError = std::current_exception();
        }
      }
    });
  }
  for (auto& worker : workers) {
    worker.join();
  }
  for (const auto& partial : reports) {
    merge(report, partial);
  }
  if (firstError) {
    std::rethrow_exception(firstError);
  }
}

TransferReport BlobTransfer::run(const std::vector<std::string>& hashes,
                                 const std::map<std::string, std::int64_t>& knownSizes,
                                 const std::function<void(const TransferProgress&)>& progress)
{
  m_report = progress;
  m_progress = {};
  TransferReport report;
  std::set<std::string> wanted;
  for (const auto& hash : hashes) {
    if (isBlobHash(hash)) {
      wanted.insert(hash);
    }
  }
  std::vector<std::string> here;
  std::vector<std::string> lacking;
  for (const auto& hash : wanted) {
    (m_store.has(hash) ? here : lacking).push_back(hash);
  }

  // What the server lacks of what is here.
  std::unique_ptr<BlobClient> own;
  BlobClient* asker = m_client;
  if (!asker) {
    own = m_clients();
    asker = own.get();
  }
  std::vector<MissingBlob> toSend;
  for (std::size_t first = 0; first < here.size() || first == 0; first += kMaxHashesPerQuery) {
    const auto last = std::min(here.size(), first + kMaxHashesPerQuery);
    const auto answer =
        asker->missing(std::vector<std::string>(here.begin() + static_cast<std::ptrdiff_t>(first),
                                                here.begin() + static_cast<std::ptrdiff_t>(last)));
    report.storage = answer.storage;
    toSend.insert(toSend.end(), answer.missing.begin(), answer.missing.end());
    if (last >= here.size()) {
      break;
    }
  }
  for (const auto& blob : toSend) {
    m_progress.total += m_store.size(blob.hash).value_or(0) - blob.received;
  }
  for (const auto& hash : lacking) {
    const auto it = knownSizes.find(hash);
    if (it != knownSizes.end()) {
      m_progress.total += std::max<std::int64_t>(0, it->second - m_store.partialSize(hash));
    }
  }
  if (m_report) {
    m_report(m_progress);
  }

  own.reset();
  forEach(
      toSend.size(),
      [&](BlobClient& client, std::size_t i, TransferReport& into) {
        if (m_store.has(toSend[i].hash)) {
          upload(client, toSend[i], into);
        }
      },
      report);
  forEach(
      lacking.size(),
      [&](BlobClient& client, std::size_t i, TransferReport& into) {
        // A size the rows do not give is added to the total once the first answer tells it.
        download(client, lacking[i], knownSizes.find(lacking[i]) != knownSizes.end(), into);
      },
      report);
  return report;
}

void BlobTransfer::upload(BlobClient& client, const MissingBlob& blob, TransferReport& report)
{
  const std::int64_t size = m_store.size(blob.hash).value_or(0);
  std::int64_t offset = std::clamp<std::int64_t>(blob.received, 0, size);
  std::string chunk;
  int retries = 0;
  for (;;) {
    const std::int64_t length = std::min(m_options.chunkBytes, size - offset);
    m_store.read(blob.hash, offset, length, chunk);
    ChunkAnswer answer;
    try {
      answer = client.upload(blob.hash, size, offset, chunk);
    } catch (const sync::ApiRefusal& e) {
      if (isCode(e, errors::kQuotaExceeded) || isCode(e, errors::kFileTooLarge)) {
        report.refused.push_back(blob.hash);
        report.warnings.push_back(e.what());
        return;
      }
      const bool retryable = isCode(e, errors::kBadChunk) || isCode(e, errors::kWrongOffset) ||
                             isCode(e, errors::kHashMismatch);
      if (!retryable || ++retries > kChunkRetries) {
        throw;
      }
      // Ask where the server stands and go on from there.
      const auto again = client.missing({blob.hash});
      if (again.missing.empty()) {
        ++report.uploaded;
        return;
      }
      offset = std::clamp<std::int64_t>(again.missing.front().received, 0, size);
      continue;
    }
    report.bytesSent += static_cast<std::int64_t>(chunk.size());
    report.storage = answer.storage;
    advance(static_cast<std::int64_t>(chunk.size()));
    if (answer.complete) {
      ++report.uploaded;
      return;
    }
    offset = answer.received;
    if (m_options.chunkDelay.count() > 0) {
      std::this_thread::sleep_for(m_options.chunkDelay);
    }
  }
}

void BlobTransfer::download(BlobClient& client, const std::string& hash, bool sizeKnown,
                            TransferReport& report)
{
  std::int64_t offset = m_store.partialSize(hash);
  std::int64_t total = -1;
  bool restarted = false;
  // The SHA-256 is computed as the bytes arrive (after those of an earlier attempt).
  auto running = std::make_unique<Sha256>();
  if (offset > 0) {
    m_store.hashPartial(hash, *running);
  }
  for (;;) {
    DownloadedRange range;
    try {
      range = client.download(hash, offset, m_options.chunkBytes);
    } catch (const sync::ApiRefusal& e) {
      if (e.error().status == 404) {
        ++report.notOnServer;
        return;
      }
      if (e.error().status == 416 && !restarted) { // our partial is longer than the blob
        m_store.dropPartial(hash);
        offset = 0;
        running = std::make_unique<Sha256>();
        restarted = true;
        continue;
      }
      throw;
    }
    std::int64_t moreTotal = 0;
    if (total < 0) {
      total = range.totalSize;
      if (!sizeKnown) {
        moreTotal = std::max<std::int64_t>(0, total - offset);
      }
    }
    if (offset > total || (range.bytes.empty() && offset < total)) {
      m_store.dropPartial(hash);
      offset = 0;
      running = std::make_unique<Sha256>();
      if (restarted) {
        report.warnings.push_back("The server's copy of a file (" + hash +
                                  ") could not be read; it will be tried again at the next sync.");
        return;
      }
      restarted = true;
      continue;
    }
    m_store.appendPartial(hash, offset, range.bytes);
    running->update(range.bytes);
    offset += static_cast<std::int64_t>(range.bytes.size());
    report.bytesReceived += static_cast<std::int64_t>(range.bytes.size());
    advance(static_cast<std::int64_t>(range.bytes.size()), moreTotal);
    if (offset >= total) {
      try {
        m_store.finishPartial(hash, hash, running->hexDigest());
        ++report.downloaded;
      } catch (const HashMismatch& e) {
        report.warnings.push_back(e.what() + std::string(" It will be downloaded again."));
      }
      return;
    }
    if (m_options.chunkDelay.count() > 0) {
      std::this_thread::sleep_for(m_options.chunkDelay);
    }
  }
}

} // namespace pupitre::blobs
