// SPDX-License-Identifier: Apache-2.0
using FarQuery.Detections.Tests.Support;

namespace FarQuery.Detections.Tests;

/// <summary>The false-positive side: an ordinary app (a package-free web server serving its own data dir, normal reads,
/// writes, renames and deletes there) under the full default pack must raise no detection at all.</summary>
[Collection(WatchedFilesCollection.Name)]
public sealed class BenignWorkloadTests
{
    /// <summary>Starts a package-free web server on a loopback port (python3's http.server, else busybox httpd), fetches a
    /// page from it, and works on files under its own data dir in /tmp/app-data-*: ls, cat, mkdir, cp, append, mv, rm.</summary>
    private static string Workload(string data, int port) => $$"""
        set -e
        mkdir -p {{data}}/www {{data}}/logs
        cd {{data}}
        echo '<h1>hello</h1>' > www/index.html
        ls www
        cat www/index.html >/dev/null
        if command -v python3 >/dev/null; then
          python3 -m http.server {{port}} --bind 127.0.0.1 --directory www > logs/server.log 2>&1 &
          fetch() { python3 -c 'import urllib.request,sys; sys.stdout.write(urllib.request.urlopen(sys.argv[1]).read().decode())' "$1"; }
        elif command -v busybox >/dev/null; then
          busybox httpd -f -p 127.0.0.1:{{port}} -h www > logs/server.log 2>&1 &
          fetch() { busybox wget -q -O - "$1"; }
        else
          echo "no python3 or busybox: the workload runs without its web server" >&2
        fi
        if [ -n "${!:-}" ]; then
          server=$!
          for i in 1 2 3 4 5 6 7 8 9 10; do
            fetch http://127.0.0.1:{{port}}/index.html > fetched.html 2>/dev/null && break
            sleep 0.3
          done
          grep -q hello fetched.html
          kill $server
          wait $server || true
        fi
        for i in 1 2 3; do
          echo "request $i served" >> logs/app.log
          cat logs/app.log >/dev/null
          mkdir -p cache/item$i
          cp www/index.html cache/item$i/page.html
        done
        mv cache/item1/page.html cache/item1/renamed.html
        rm cache/item2/page.html
        rmdir cache/item2
        chmod 640 logs/app.log
        ls -R cache >/dev/null
        """;

    [Fact]
    public void DefaultPack_BenignWebServerWorkload_RaisesNoDetection()
    {
        using var s = new Scenario();
        var data = s.System("/tmp/app-data-" + s.Id);
        var run = s.Run(Workload(data, 20000 + (Environment.ProcessId % 20000)));
        Assert.True(run.ExitCode == 0, "the workload itself failed:\n" + run);
        Console.Error.WriteLine($"benign workload: {run.Alerts.Count} false positive(s)");
        Assert.True(run.Alerts.Count == 0, "false positives:\n" + string.Join('\n', run.Alerts));
    }

    [Fact]
    public void DefaultPack_BenignWorkloadWithReadOpensAndEnvironment_RaisesNoDetection()
    {
        // With every optional capture on, the read-open and environment rules can fire too: they must not here.
        using var s = new Scenario();
        var data = s.System("/tmp/app-data-" + s.Id);
        var run = s.Run(Workload(data, 20000 + ((Environment.ProcessId + 1) % 20000)), "--trace-read-opens", "--capture-env");
        Assert.True(run.ExitCode == 0, "the workload itself failed:\n" + run);
        Console.Error.WriteLine($"benign workload (read opens, environment): {run.Alerts.Count} false positive(s)");
        Assert.True(run.Alerts.Count == 0, "false positives:\n" + string.Join('\n', run.Alerts));
    }
}
