// Peak memory of loading rows: as Quarry instances, and as plain structs by raw QSqlQuery.
//
// Each variant runs in a child process of its own (this executable with --memory-child),
// so that neither inherits the other's heap. The child seeds a fresh SQLite file, then,
// right before the load: malloc_trim(0), resets the kernel's peak-RSS mark (writing 5 to
// /proc/self/clear_refs resets VmHWM to the current RSS), and takes a baseline. After the
// load, with the result still alive, it reports
//   heap:     glibc's in-use heap bytes (mallinfo2: uordblks + hblkhd) minus the baseline,
//             what the result holds (plus anything the load left allocated);
//   peak RSS: VmHWM minus the RSS baseline, the peak resident growth during the load,
//             which also counts transient buffers (the driver's row, temporaries).
#include "BenchCommon.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <malloc.h>

namespace bench {

namespace {

qint64 statusKb(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong();
    return -1;
}

qint64 heapInUse()
{
    const struct mallinfo2 mi = mallinfo2();
    return qint64(mi.uordblks + mi.hblkhd);
}

bool resetPeak()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    return f.open(QIODevice::WriteOnly) && f.write("5") == 1;
}

} // namespace

int memoryChild(int argc, char **argv)
{
    // argv: exe --memory-child quarry|raw rows
    QCoreApplication app(argc, argv);
    const QString impl = QString::fromLocal8Bit(argv[2]);
    const int rows = QString::fromLocal8Bit(argv[3]).toInt();
    try {
        Context &ctx = Context::instance();
        ctx.activate({QStringLiteral("sqlite-file"), QStringLiteral("SQLite (file)"), true});
        ctx.ensureUsers(rows);
        QSqlQuery *raw = nullptr;
        if (impl == QLatin1String("raw"))
            raw = &ctx.raw().statement(QStringLiteral(
                "SELECT \"id\", \"firstName\", \"lastName\", \"email\", \"createdAt\", \"updatedAt\" FROM \"Users\""));
        else
            User::handle(); // resolved before the baseline
        malloc_trim(0);
        const bool peakReset = resetPeak();
        const qint64 rss0 = statusKb("VmRSS");
        const qint64 heap0 = heapInUse();
        Timer t;
        qint64 loaded = 0;
        qint64 heap = 0, hwm = 0;
        t.start();
        if (raw) {
            const QList<UserRow> result = raw_impl::loadUsers(*raw);
            t.stop();
            loaded = result.size();
            heap = heapInUse() - heap0;
            hwm = statusKb("VmHWM");
        } else {
            const QList<orm::Ptr<User>> result = User::findAll();
            t.stop();
            loaded = result.size();
            heap = heapInUse() - heap0;
            hwm = statusKb("VmHWM");
        }
        if (!peakReset)
            hwm = -1;
        printf("MEMORY %lld %lld %lld %.6f\n", static_cast<long long>(loaded), static_cast<long long>(heap),
               static_cast<long long>(hwm < 0 ? -1 : hwm - rss0), t.seconds());
        fflush(stdout);
        ctx.shutdown();
        return 0;
    } catch (const std::exception &e) {
        fprintf(stderr, "memory child: %s\n", e.what());
        return 1;
    }
}

MemoryResult runMemoryProbe(const QString &impl, int rows)
{
    MemoryResult r;
    QProcess p;
    p.setProgram(QCoreApplication::applicationFilePath());
    p.setArguments({QStringLiteral("--memory-child"), impl, QString::number(rows)});
    p.setProcessChannelMode(QProcess::SeparateChannels);
    p.start();
    if (!p.waitForFinished(600000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        r.error = QString::fromLocal8Bit(p.readAllStandardError()).trimmed();
        if (r.error.isEmpty())
            r.error = QStringLiteral("child failed (%1)").arg(p.errorString());
        return r;
    }
    for (const QByteArray &line : p.readAllStandardOutput().split('\n')) {
        if (!line.startsWith("MEMORY "))
            continue;
        const QList<QByteArray> f = line.split(' ');
        if (f.size() < 5)
            break;
        r.rows = f.at(1).toLongLong();
        r.heapBytes = f.at(2).toLongLong();
        r.peakRssKb = f.at(3).toLongLong();
        r.seconds = f.at(4).toDouble();
        r.ok = true;
    }
    if (!r.ok)
        r.error = QStringLiteral("no result from the child");
    return r;
}

} // namespace bench
