// Quarry's benchmarks: what the ORM costs over the hand-written QtSql code it replaces.
//
// Every workload runs through Quarry, through the best raw QSqlQuery code for the same job
// (statements prepared once and reused, forward-only, values by index into plain structs)
// and, on SQLite, through the sqlite3 C API as the floor, in the same process, on the same
// connection. Google Benchmark runs and reports them; at the end the program prints the
// Quarry/raw ratios (medians of the repetitions) against the targets, Quarry's times for
// Sequelize's reference jobs, and the peak memory of loading rows as instances.
//
//   quarry_bench [--quick] [--reps=N] [--dialects=sqlite-memory,sqlite-file,postgres]
//                [--no-memory] [--no-reference] [--summary=FILE.md] [Google Benchmark flags]
//
// --quick (or QUARRY_BENCH_QUICK=1): small sizes and one repetition, the CI smoke pass.
// PostgreSQL runs when QUARRY_TEST_PG_URL is set (scripts/test-servers.sh sets it).
#include "BenchCommon.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>
#include <algorithm>
#include <benchmark/benchmark.h>
#include <cstdio>
#include <cstring>
#include <map>

using namespace bench;

namespace {

const char *implName(Impl i)
{
    switch (i) {
    case Impl::Quarry: return "quarry";
    case Impl::Raw: return "raw";
    case Impl::Sqlite3: return "sqlite3";
    }
    return "?";
}

struct Sample
{
    double wall = 0, cpu = 0;
};

// Every repetition, by "target/workload/impl".
std::map<QString, std::vector<Sample>> &samples()
{
    static std::map<QString, std::vector<Sample>> s;
    return s;
}
std::map<QString, QString> &errors()
{
    static std::map<QString, QString> e;
    return e;
}

QString errorOf(const QString &key)
{
    auto it = errors().find(key);
    return it == errors().end() ? QString() : it->second;
}

QString sampleKey(const QString &target, const QString &workload, Impl impl)
{
    return target + QLatin1Char('/') + workload + QLatin1Char('/') + QLatin1String(implName(impl));
}

double median(std::vector<double> v)
{
    if (v.empty())
        return -1;
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// Median wall (or CPU) time in ms, -1 when the variant did not run.
double medianMs(const QString &target, const QString &workload, Impl impl, bool cpu = false)
{
    auto it = samples().find(sampleKey(target, workload, impl));
    if (it == samples().end() || it->second.empty())
        return -1;
    std::vector<double> v;
    for (const Sample &s : it->second)
        v.push_back(cpu ? s.cpu : s.wall);
    return median(v) * 1000;
}

struct Variant
{
    Impl impl;
    WorkloadFn fn;
};

// One repetition runs every variant of the workload once, in an order that rotates from
// one repetition to the next, so that drifts of the machine's load hit them alike. The
// benchmark's time is Quarry's; the others are counters (GB aggregates those too).
void runWorkload(benchmark::State &state, const Target &target, const Workload &w, const QList<Variant> &variants,
                 int size)
{
    static std::map<QString, int> rotation;
    int &turn = rotation[target.key + w.key];
    for (auto _ : state) {
        double quarryTime = 0;
        for (int k = 0; k < variants.size(); ++k) {
            const Variant &v = variants.at((k + turn) % variants.size());
            const QString key = sampleKey(target.key, w.key, v.impl);
            if (errors().count(key))
                continue;
            try {
                Context &ctx = Context::instance();
                ctx.activate(target);
                Timer t;
                v.fn(ctx, t, size);
                samples()[key].push_back({t.seconds(), t.cpuSeconds()});
                if (v.impl == Impl::Quarry)
                    quarryTime = t.seconds();
                else
                    state.counters[v.impl == Impl::Raw ? "raw_ms" : "sqlite3_ms"] = t.seconds() * 1000;
            } catch (const std::exception &e) {
                errors()[key] = QString::fromUtf8(e.what());
                fprintf(stderr, "%s: %s\n", qPrintable(key), e.what());
            }
        }
        ++turn;
        if (errors().count(sampleKey(target.key, w.key, Impl::Quarry))) {
            state.SkipWithError(qPrintable(errorOf(sampleKey(target.key, w.key, Impl::Quarry))));
            break;
        }
        state.SetIterationTime(quarryTime);
        state.counters["quarry_ms"] = quarryTime * 1000;
    }
    state.SetItemsProcessed(int64_t(size) * int64_t(state.iterations()));
}

void registerAll()
{
    const Config &c = config();
    for (const Target &target : enabledTargets()) {
        for (const Workload &w : workloads()) {
            if (w.reference && (!c.reference || target.key != QLatin1String("sqlite-file")))
                continue;
            const int size = c.sizes.*w.size;
            QList<Variant> variants;
            for (Impl impl : {Impl::Quarry, Impl::Raw, Impl::Sqlite3}) {
                const WorkloadFn fn = impl == Impl::Quarry ? w.quarry : impl == Impl::Raw ? w.raw : w.sqlite3;
                // QUARRY_BENCH_ONLY=quarry|raw|sqlite3 runs one variant alone, for profilers
                // and hardware counters (perf stat) that cannot tell the variants apart.
                const QString only = qEnvironmentVariable("QUARRY_BENCH_ONLY");
                if (!only.isEmpty() && only != QLatin1String(implName(impl)))
                    continue;
                if (fn && (impl != Impl::Sqlite3 || target.sqlite))
                    variants.append({impl, fn});
            }
            const std::string name = QStringLiteral("%1/%2_%3").arg(target.key, w.key).arg(size).toStdString();
            benchmark::RegisterBenchmark(name.c_str(),
                                         [=](benchmark::State &st) { runWorkload(st, target, w, variants, size); })
                ->UseManualTime()
                ->Iterations(1)
                ->Repetitions(c.repetitions)
                ->DisplayAggregatesOnly(c.repetitions > 1)
                ->Unit(benchmark::kMillisecond);
        }
    }
}

QString grouped(int n)
{
    QString s = QString::number(n);
    for (int i = int(s.size()) - 3; i > 0; i -= 3)
        s.insert(i, QLatin1Char(','));
    return s;
}

QString ms(double v)
{
    if (v < 0)
        return QStringLiteral("-");
    return QString::number(v, 'f', v < 10 ? 2 : 1);
}

// The final report, as plain text on stdout and as markdown for --summary.
void report()
{
    const Config &c = config();
    const QList<Target> targets = enabledTargets();
    QString text, md;
    QTextStream out(&text), m(&md);

    out << "\n==== Quarry / raw QSqlQuery: median wall-clock ms; ratio = Quarry/raw (cpu: the same from thread CPU time); median of " << c.repetitions << (c.repetitions == 1 ? " run" : " runs")
        << (c.quick ? ", QUICK sizes: not for comparison" : "") << " ====\n";
    m << "### Quarry / raw QSqlQuery, median of " << c.repetitions << (c.repetitions == 1 ? " run" : " runs")
      << (c.quick ? " (quick sizes)" : "") << "\n\n";
    m << "| workload | target |";
    for (const Target &t : targets)
        m << ' ' << t.label << " |";
    m << "\n|---|---|";
    for (int i = 0; i < targets.size(); ++i)
        m << "---|";
    m << '\n';
    int missed = 0;
    QString details;
    QTextStream d(&details);
    for (const Workload &w : workloads()) {
        if (w.reference)
            continue;
        const QString title = grouped(c.sizes.*w.size) + QLatin1Char(' ') + w.title;
        m << "| " << title << " | ≤ " << QString::number(w.target, 'f', 2) << " |";
        for (const Target &t : targets) {
            const double q = medianMs(t.key, w.key, Impl::Quarry), r = medianMs(t.key, w.key, Impl::Raw);
            const double s = medianMs(t.key, w.key, Impl::Sqlite3);
            const QString qErr = errorOf(sampleKey(t.key, w.key, Impl::Quarry));
            const QString rErr = errorOf(sampleKey(t.key, w.key, Impl::Raw));
            if (q < 0 || r <= 0) {
                if (qErr.isEmpty() && rErr.isEmpty()) {
                    m << " - |"; // filtered out
                    continue;
                }
                m << " error |";
                d << QStringLiteral("%1 | %2 | error: %3\n").arg(t.label, -16).arg(title, -50).arg(qErr.isEmpty() ? rErr : qErr);
                continue;
            }
            const double ratio = q / r;
            const double qc = medianMs(t.key, w.key, Impl::Quarry, true), rc = medianMs(t.key, w.key, Impl::Raw, true);
            const bool ok = ratio <= w.target;
            missed += ok ? 0 : 1;
            m << ' ' << QString::number(ratio, 'f', 2) << (ok ? "" : " ✗") << " |";
            d << QStringLiteral("%1 | %2 | quarry %3 | raw %4 | sqlite3 %5 | ratio %6 (cpu %7), target ≤ %8 %9\n")
                     .arg(t.label, -16)
                     .arg(title, -50)
                     .arg(ms(q), 8)
                     .arg(ms(r), 8)
                     .arg(ms(s), 8)
                     .arg(QString::number(ratio, 'f', 2))
                     .arg(rc > 0 ? QString::number(qc / rc, 'f', 2) : QStringLiteral("-"))
                     .arg(QString::number(w.target, 'f', 2))
                     .arg(ok ? QStringLiteral("ok") : QStringLiteral("MISSED"));
        }
        m << '\n';
    }
    out << details;
    out << (missed ? QStringLiteral("%1 ratio(s) above target\n").arg(missed) : QStringLiteral("all ratios within target\n"));

    m << "\n### Times (ms, median wall clock; CPU ratio = the same from this thread's CPU time)\n\n"
         "| dialect | workload | Quarry | raw QSqlQuery | sqlite3 C API | Quarry/raw | CPU ratio |\n|---|---|---|---|---|---|---|\n";
    for (const Target &t : targets)
        for (const Workload &w : workloads()) {
            if (w.reference)
                continue;
            const double q = medianMs(t.key, w.key, Impl::Quarry), r = medianMs(t.key, w.key, Impl::Raw);
            m << "| " << t.label << " | " << grouped(c.sizes.*w.size) << ' ' << w.title << " | " << ms(q) << " | "
              << ms(r) << " | " << ms(medianMs(t.key, w.key, Impl::Sqlite3)) << " | "
              << (q > 0 && r > 0 ? QString::number(q / r, 'f', 2) : QStringLiteral("-")) << " | ";
            const double qc = medianMs(t.key, w.key, Impl::Quarry, true), rc = medianMs(t.key, w.key, Impl::Raw, true);
            m << (qc > 0 && rc > 0 ? QString::number(qc / rc, 'f', 2) : QStringLiteral("-")) << " |\n";
        }

    bool anyRef = false;
    for (const Target &t : targets)
        anyRef = anyRef || (t.key == QLatin1String("sqlite-file") && c.reference);
    if (anyRef) {
        out << "\n==== Sequelize's reference jobs (SQLite file; Sequelize: Node 20, median of 5) ====\n";
        m << "\n### Sequelize's reference jobs (SQLite file)\n\n| job | Sequelize | Quarry | raw QSqlQuery |\n|---|---|---|---|\n";
        for (const Workload &w : workloads()) {
            if (!w.reference)
                continue;
            const double q = medianMs(QStringLiteral("sqlite-file"), w.key, Impl::Quarry);
            const double r = medianMs(QStringLiteral("sqlite-file"), w.key, Impl::Raw);
            const QString title = grouped(c.sizes.*w.size) + QLatin1Char(' ') + w.title.left(w.title.indexOf(QLatin1String(" (")));
            out << QStringLiteral("%1 | Sequelize %2 ms | Quarry %3 ms | raw %4 ms\n")
                       .arg(title, -50)
                       .arg(w.target, 4)
                       .arg(ms(q), 7)
                       .arg(ms(r), 7);
            m << "| " << title << " | " << w.target << " ms | " << ms(q) << " ms | " << ms(r) << " ms |\n";
        }
        if (c.quick)
            out << "(quick sizes: not comparable with Sequelize's numbers)\n";
    }

    if (c.memory) {
        const int rows = c.sizes.memoryRows;
        out << "\n==== Peak memory of loading " << grouped(rows) << " users (SQLite file, child processes) ====\n";
        m << "\n### Peak memory of loading " << grouped(rows) << " users (SQLite file)\n\n"
          << "| variant | heap held by the result | per row | peak RSS growth during the load | load time |\n|---|---|---|---|---|\n";
        MemoryResult results[2];
        const char *names[2] = {"quarry", "raw"};
        for (int i = 0; i < 2; ++i) {
            results[i] = runMemoryProbe(QString::fromLatin1(names[i]), rows);
            const MemoryResult &r = results[i];
            const QString label = i == 0 ? QStringLiteral("Quarry instances") : QStringLiteral("raw structs");
            if (!r.ok) {
                errors()[QStringLiteral("memory/") + QLatin1String(names[i])] = r.error;
                out << label << ": error: " << r.error << '\n';
                m << "| " << label << " | error: " << r.error << " | | | |\n";
                continue;
            }
            const QString heap = QString::number(r.heapBytes / 1048576.0, 'f', 1) + QStringLiteral(" MiB");
            const QString per = QString::number(double(r.heapBytes) / qMax<qint64>(1, r.rows), 'f', 0) + QStringLiteral(" B");
            const QString rss = r.peakRssKb < 0 ? QStringLiteral("n/a")
                                                : QString::number(r.peakRssKb / 1024.0, 'f', 1) + QStringLiteral(" MiB");
            out << QStringLiteral("%1 | heap %2 (%3/row) | peak RSS +%4 | %5 ms\n")
                       .arg(label, -17)
                       .arg(heap, 10)
                       .arg(per, 7)
                       .arg(rss, 10)
                       .arg(ms(r.seconds * 1000));
            m << "| " << label << " | " << heap << " | " << per << " | " << rss << " | " << ms(r.seconds * 1000)
              << " ms |\n";
        }
        if (results[0].ok && results[1].ok && results[1].heapBytes > 0)
            out << QStringLiteral("Quarry/raw: heap %1x, peak RSS %2x\n")
                       .arg(double(results[0].heapBytes) / double(results[1].heapBytes), 0, 'f', 2)
                       .arg(results[1].peakRssKb > 0 ? double(results[0].peakRssKb) / double(results[1].peakRssKb) : 0.0,
                            0, 'f', 2);
    }
    out.flush();
    fputs(text.toUtf8().constData(), stdout);
    fflush(stdout);
    if (!c.summaryPath.isEmpty()) {
        m.flush();
        QFile f(c.summaryPath);
        if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            f.write(md.toUtf8());
        else
            fprintf(stderr, "cannot write %s\n", qPrintable(c.summaryPath));
    }
}

// Takes our own flags out of argv (the rest goes to Google Benchmark).
void parseArgs(int &argc, char **argv)
{
    Config &c = config();
    c.quick = qEnvironmentVariableIntValue("QUARRY_BENCH_QUICK") > 0;
    int reps = qEnvironmentVariableIntValue("QUARRY_BENCH_REPS");
    QString dialects = qEnvironmentVariable("QUARRY_BENCH_DIALECTS",
                                            QStringLiteral("sqlite-memory,sqlite-file,postgres"));
    int kept = 1;
    for (int i = 1; i < argc; ++i) {
        const QString a = QString::fromLocal8Bit(argv[i]);
        if (a == QLatin1String("--quick"))
            c.quick = true;
        else if (a.startsWith(QLatin1String("--reps=")))
            reps = a.mid(7).toInt();
        else if (a.startsWith(QLatin1String("--dialects=")))
            dialects = a.mid(11);
        else if (a == QLatin1String("--no-memory"))
            c.memory = false;
        else if (a == QLatin1String("--no-reference"))
            c.reference = false;
        else if (a.startsWith(QLatin1String("--summary=")))
            c.summaryPath = a.mid(10);
        else
            argv[kept++] = argv[i];
    }
    argc = kept;
    if (c.quick) {
        Sizes &s = c.sizes;
        s.create = 100;
        s.bulk = 1000;
        s.findAll = 1000;
        s.includeUsers = 20;
        s.findByPk = 200;
        s.updateRows = 100;
        s.refBulk = 100;
        s.refFindAll = 100;
        s.refIncludeUsers = 20;
        s.refCreate = 100;
        s.memoryRows = 1000;
    }
    c.repetitions = reps > 0 ? reps : (c.quick ? 1 : 5);
    for (QString d : dialects.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        d = d.trimmed().toLower();
        if (d == QLatin1String("sqlite"))
            c.dialects << QStringLiteral("sqlite-memory") << QStringLiteral("sqlite-file");
        else if (d == QLatin1String("pg") || d == QLatin1String("postgresql"))
            c.dialects << QStringLiteral("postgres");
        else
            c.dialects << d;
    }
    c.pgUrl = qEnvironmentVariable("QUARRY_TEST_PG_URL");
}

} // namespace

int main(int argc, char **argv)
{
    if (argc >= 4 && std::strcmp(argv[1], "--memory-child") == 0)
        return memoryChild(argc, argv);
    parseArgs(argc, argv);
    int qtArgc = 1;
    QCoreApplication app(qtArgc, argv);
    const Config &c = config();
    if (c.dialects.contains(QStringLiteral("postgres")) && c.pgUrl.isEmpty())
        printf("note: PostgreSQL skipped: QUARRY_TEST_PG_URL is not set (source scripts/test-servers.sh to start a server)\n");
    for (const QString &d : c.dialects)
        if (d != QLatin1String("sqlite-memory") && d != QLatin1String("sqlite-file") && d != QLatin1String("postgres"))
            printf("note: unknown dialect '%s' ignored (use sqlite-memory, sqlite-file, postgres)\n", qPrintable(d));
    fflush(stdout);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 2;
    registerAll();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    Context::instance().shutdown();
    report();
    // Errors are failures (the CI smoke pass relies on it); slow ratios are not.
    return errors().empty() ? 0 : 1;
}
