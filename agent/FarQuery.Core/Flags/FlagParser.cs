// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Core.Flags;

/// <summary>What <see cref="FlagParser.Parse"/> found.</summary>
public sealed class FlagParseResult
{
    /// <summary>The flags and their normalized values (a flag given twice keeps the later value).</summary>
    public Dictionary<Flag, string> Values { get; } = [];

    /// <summary>Unknown flags, bad values, stray words: each costs only itself.</summary>
    public List<string> Problems { get; } = [];

    /// <summary><c>--help</c> or <c>-h</c> was given.</summary>
    public bool Help { get; set; }

    /// <summary>Index of the first word that is not the agent's (the app's argv), or the token count.</summary>
    public int Consumed { get; set; }
}

/// <summary>Reads flags the way osquery (gflags) does: <c>--name=value</c>, <c>--name value</c>, one or two dashes, a
/// bare <c>--name</c> or <c>--noname</c> for booleans, dashes and underscores alike in names. A pure function: it never
/// throws, and anything it cannot use is a problem named in the result while every other flag still applies.</summary>
public static class FlagParser
{
    /// <summary>Parses <paramref name="tokens"/>.</summary>
    /// <param name="tokens">The words (of the command line before <c>--</c>, or one flagfile line).</param>
    /// <param name="origin">Where they come from, for problems ("command line", "flags.txt:3").</param>
    /// <param name="appFollows">The app's argv may follow without <c>--</c>: the first word that is not a flag or a
    /// flag's value ends the parse (<see cref="FlagParseResult.Consumed"/>) instead of being a stray word.</param>
    public static FlagParseResult Parse(IReadOnlyList<string> tokens, string origin, bool appFollows)
    {
        var result = new FlagParseResult { Consumed = tokens.Count };
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token == "--")
            {
                result.Consumed = i + 1;
                return result;
            }

            if (token is "-h" or "--help" or "-help")
            {
                result.Help = true;
                continue;
            }

            if (token.Length < 2 || token[0] != '-')
            {
                if (appFollows)
                {
                    result.Consumed = i;
                    return result;
                }

                result.Problems.Add($"{origin}: '{token}' is not a flag (flags are --name=value); ignored");
                continue;
            }

            var body = token.AsSpan(token[1] == '-' ? 2 : 1);
            var eq = body.IndexOf('=');
            var name = (eq < 0 ? body : body[..eq]).ToString();
            string? inline = eq < 0 ? null : body[(eq + 1)..].ToString();
            var flag = FlagCatalog.Find(name);
            var negated = false;
            if (flag is null && name.StartsWith("no", StringComparison.Ordinal) && inline is null && FlagCatalog.Find(name[2..]) is { Type: FlagType.Bool } positive)
            {
                flag = positive;
                negated = true;
            }

            if (flag is null)
            {
                // An unknown flag's separate value goes with it, so it does not become a stray word or the app.
                if (inline is null && i + 1 < tokens.Count && !tokens[i + 1].StartsWith('-') && !appFollows)
                {
                    i++;
                }

                result.Problems.Add($"{origin}: unknown flag --{name}; ignored (farquery run --help lists the flags)");
                continue;
            }

            string raw;
            if (negated)
            {
                raw = "false";
            }
            else if (inline is not null)
            {
                raw = inline;
            }
            else if (flag.Type == FlagType.Bool)
            {
                // gflags takes a bare boolean as true; a following true/false is read as its value as well.
                raw = i + 1 < tokens.Count && tokens[i + 1] is "true" or "false" ? tokens[++i] : "true";
            }
            else if (i + 1 < tokens.Count && tokens[i + 1] != "--")
            {
                raw = tokens[++i];
            }
            else
            {
                result.Problems.Add($"{origin}: --{name} needs a value; ignored");
                continue;
            }

            if (!flag.TryNormalize(raw, out var value, out var error))
            {
                result.Problems.Add($"{origin}: --{name}: {error}; ignored, keeping {flag.Default}");
                continue;
            }

            if (error.Length > 0)
            {
                result.Problems.Add($"{origin}: --{name}: {error}");
            }

            result.Values[flag] = value;
        }

        return result;
    }
}
