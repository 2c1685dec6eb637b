// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Admin;

/// <summary>Where the admin socket lives. The server takes the first writable place; the client tries the same list
/// in the same order, so both agree without configuration.</summary>
public static class AdminSocketPath
{
    /// <summary>Overrides the path for both server and client.</summary>
    public const string EnvironmentVariable = "FARQUERY_SOCKET";

    /// <summary>The default when /var/run is writable (the agent runs as root in most task definitions).</summary>
    public const string SystemPath = "/var/run/farquery.sock";

    /// <summary>The places to look, best first: FARQUERY_SOCKET alone when set; else /var/run, $XDG_RUNTIME_DIR, then
    /// /tmp/farquery-&lt;uid&gt;.sock (the uid in the name keeps users of a shared /tmp apart).</summary>
    public static IReadOnlyList<string> Candidates()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
        {
            return [configured];
        }

        var list = new List<string> { SystemPath };
        if (Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR") is { Length: > 0 } runtime && Path.IsPathRooted(runtime))
        {
            list.Add(Path.Join(runtime, "farquery.sock"));
        }

        list.Add(Path.Join(Path.GetTempPath(), "farquery-" + PeerCredentials.EffectiveUid.ToString(CultureInfo.InvariantCulture) + ".sock"));
        return list;
    }

    /// <summary>The first candidate whose directory accepts a new entry; the test is the server's own staging
    /// directory, so there is no window between checking and using.</summary>
    internal static string ForServer(Func<string, bool> canStage)
    {
        var candidates = Candidates();
        foreach (var path in candidates)
        {
            if (canStage(path))
            {
                return path;
            }
        }

        throw new AdminServerException("no writable directory for the admin socket (tried " + string.Join(", ", candidates) + "); set --socket or " + EnvironmentVariable);
    }
}
