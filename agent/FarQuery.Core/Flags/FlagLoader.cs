// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Core.Flags;

/// <summary>Builds the agent's <see cref="FlagValues"/> from its command line, its environment and the flagfile the
/// command line (or the environment) names. Nothing here throws or stops: problems are collected for the caller to
/// report once the app runs.</summary>
public static class FlagLoader
{
    /// <summary>Prefix of the environment variables that default a flag: <c>FARQUERY_TLS_HOSTNAME</c> for
    /// <c>--tls_hostname</c> (<c>farquery inject</c> sets these in a task definition).</summary>
    public const string EnvironmentPrefix = "FARQUERY_";

    /// <summary>The outcome of loading the flags.</summary>
    /// <param name="Values">The flags in force before any config.</param>
    /// <param name="Problems">What was ignored and why.</param>
    /// <param name="Help"><c>--help</c> was given.</param>
    /// <param name="AppStart">Index in the arguments where the app's argv begins (the argument count when none).</param>
    public sealed record Loaded(FlagValues Values, IReadOnlyList<string> Problems, bool Help, int AppStart);

    /// <summary>Loads the flags.</summary>
    /// <param name="args">The agent's words (everything before <c>--</c>, or the whole command line when the app follows
    /// without it).</param>
    /// <param name="appFollows">The app's argv may follow the flags without <c>--</c>.</param>
    /// <param name="environment">Reads an environment variable.</param>
    /// <param name="readFile">Reads the flagfile: its text, or null and why not.</param>
    public static Loaded Load(IReadOnlyList<string> args, bool appFollows, Func<string, string?> environment, Func<string, (string? Text, string Error)> readFile)
    {
        var problems = new List<string>();
        var command = FlagParser.Parse(args, "command line", appFollows);
        problems.AddRange(command.Problems);

        var fromEnvironment = new Dictionary<Flag, string>();
        foreach (var flag in FlagCatalog.All)
        {
            var variable = EnvironmentPrefix + flag.Name.ToUpperInvariant();
            if (environment(variable) is not { } raw)
            {
                continue;
            }

            if (flag.TryNormalize(raw, out var value, out var error))
            {
                fromEnvironment[flag] = value;
            }

            if (error.Length > 0)
            {
                problems.Add($"{variable}: {error}");
            }
        }

        var values = FlagValues.Defaults.With(FlagSource.Environment, fromEnvironment);
        var path = command.Values.GetValueOrDefault(FlagCatalog.Flagfile) ?? fromEnvironment.GetValueOrDefault(FlagCatalog.Flagfile);
        var help = command.Help;
        if (path is { Length: > 0 })
        {
            var (text, error) = readFile(path);
            if (text is null)
            {
                problems.Add($"cannot read the flagfile {path}: {error}; the other flags still apply");
            }
            else
            {
                var file = FlagFile.Parse(text, path);
                problems.AddRange(file.Problems);
                help |= file.Help;
                values = values.With(FlagSource.Flagfile, file.Values);
            }
        }

        return new Loaded(values.With(FlagSource.CommandLine, command.Values), problems, help, command.Consumed);
    }

    /// <summary>Loads the flags over the process's environment and the bounded file reader.</summary>
    public static Loaded Load(IReadOnlyList<string> args, bool appFollows) =>
        Load(args, appFollows, Environment.GetEnvironmentVariable, path => (FlagFile.TryRead(path, out var error), error));

    /// <summary>One line naming every given flag that has no effect here, with the reasons, or null when none was.</summary>
    public static string? NoEffectNote(FlagValues values)
    {
        var given = values.Given.Where(f => f.NoEffect is not null && values.SourceOf(f) > FlagSource.Config).ToList();
        if (given.Count == 0)
        {
            return null;
        }

        return "accepted without effect: " + string.Join("; ", given.GroupBy(f => f.NoEffect).Select(g => string.Join(", ", g.Select(f => "--" + f.Name)) + " (" + g.Key + ")"));
    }
}
