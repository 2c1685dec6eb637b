// SPDX-License-Identifier: Apache-2.0
using System.Collections.Immutable;
using FarQuery.Core.Carving;
using FarQuery.Sql.Functions;

namespace FarQuery.Sql;

/// <summary>osquery's SQL functions (docs/osquery-compat.md, "SQL functions"), registered on the connection. The logic
/// lives in the static classes of <c>Functions/</c>, one per family; this part only binds names and arities.</summary>
public sealed partial class SqlHost
{
    /// <summary>The longest <c>sleep</c> runs: a sleeping statement holds the one connection every caller shares.</summary>
    public static readonly TimeSpan MaxSleep = TimeSpan.FromSeconds(10);

    /// <summary>The function names this host adds or replaces (for the docs and tests).</summary>
    public static readonly string[] FunctionNames =
    [
        "split", "regex_split", "regex_match", "concat", "concat_ws", "inet_aton", "in_cidr_block",
        "community_id_v1", "community_id_v1_strict", "md5", "sha1", "sha256", "to_base64", "from_base64",
        "conditional_to_base64", "parent_directory", "find_file_path_in_cmd", "is_path_deterministic",
        "version_compare", "sleep", "carve", "sqrt", "acos", "asin", "atan", "cos", "sin", "tan", "cot", "exp", "log", "log10",
        "power", "ceil", "floor", "degrees", "radians", "pi",
    ];

    // Registering a function costs the runtime a generic-method lookup (about a tenth of a one-shot `farquery query`'s
    // instructions for all of them), and a statement can call only functions it names: each is registered the first
    // time a statement mentions its name (docs/sql-host.md, "Functions").
    private Dictionary<string, Action> FunctionRegistrations()
    {
        // Microsoft.Data.Sqlite turns an exception thrown here into sqlite3_result_error with its message, so none
        // crosses into SQLite. Arguments typed object? arrive as long, double, string, byte[] or DBNull, so a function
        // can tell SQLite's storage classes apart as osquery's C code does; string? and long? ones are converted by
        // SQLite and NULL arrives as null.
        var r = new Dictionary<string, Action>(StringComparer.OrdinalIgnoreCase)
        {
            ["split"] = () => connection.CreateFunction("split", (string? text, string? tokens, long? index) => StringFunctions.Split(text, tokens, index), isDeterministic: true),
            ["regex_split"] = () => connection.CreateFunction("regex_split", (string? text, string? pattern, long? index) => StringFunctions.RegexSplit(text, pattern, index), isDeterministic: true),
            ["regex_match"] = () => connection.CreateFunction("regex_match", (string? text, string? pattern, long? index) => StringFunctions.RegexMatch(text, pattern, index), isDeterministic: true),
            ["concat"] = () => connection.CreateFunction("concat", (object?[] args) => StringFunctions.Concat(args), isDeterministic: true),
            ["concat_ws"] = () => connection.CreateFunction("concat_ws", (object?[] args) => StringFunctions.ConcatWs(args), isDeterministic: true),

            ["inet_aton"] = () => connection.CreateFunction("inet_aton", (string? address) => NetworkFunctions.InetAton(address), isDeterministic: true),
            ["in_cidr_block"] = () => connection.CreateFunction("in_cidr_block", (object? cidr, object? address) => NetworkFunctions.InCidrBlock(cidr, address), isDeterministic: true),
            ["community_id_v1"] = () => connection.CreateFunction("community_id_v1", (object?[] args) => NetworkFunctions.CommunityIdV1(args, strict: false), isDeterministic: true),
            ["community_id_v1_strict"] = () => connection.CreateFunction("community_id_v1_strict", (object?[] args) => NetworkFunctions.CommunityIdV1(args, strict: true), isDeterministic: true),

            ["md5"] = () => connection.CreateFunction("md5", (object? value) => HashingFunctions.Md5(value), isDeterministic: true),
            ["sha1"] = () => connection.CreateFunction("sha1", (object? value) => HashingFunctions.Sha1(value), isDeterministic: true),
            ["sha256"] = () => connection.CreateFunction("sha256", (object? value) => HashingFunctions.Sha256(value), isDeterministic: true),
            ["to_base64"] = () => connection.CreateFunction("to_base64", (object? value) => EncodingFunctions.ToBase64(value), isDeterministic: true),
            ["from_base64"] = () => connection.CreateFunction("from_base64", (object? value) => EncodingFunctions.FromBase64(value), isDeterministic: true),
            ["conditional_to_base64"] = () => connection.CreateFunction("conditional_to_base64", (object? value) => EncodingFunctions.ConditionalToBase64(value), isDeterministic: true),

            ["parent_directory"] = () => connection.CreateFunction("parent_directory", (object? path) => FilesystemFunctions.ParentDirectory(path), isDeterministic: true),
            ["find_file_path_in_cmd"] = () => connection.CreateFunction("find_file_path_in_cmd", (object?[] args) => FilesystemFunctions.FindFilePathInCommand(args, IsFile)),
            ["is_path_deterministic"] = () => connection.CreateFunction("is_path_deterministic", (object?[] args) => FilesystemFunctions.IsPathDeterministic(args, IsFile)),

            ["version_compare"] = () =>
            {
                connection.CreateFunction("version_compare", (string? left, string? right) => VersionFunctions.Compare(left, right, null), isDeterministic: true);
                connection.CreateFunction("version_compare", (string? left, string? right, string? flavor) =>
                    flavor is null ? null : VersionFunctions.Compare(left, right, flavor), isDeterministic: true);
            },

            ["sleep"] = () => connection.CreateFunction("sleep", (object? seconds) => Sleep(seconds)),

            ["power"] = () => connection.CreateFunction("power", (object? x, object? y) => MathFunctions.Power(x, y), isDeterministic: true),
            ["ceil"] = () => connection.CreateFunction("ceil", (object? x) => MathFunctions.Ceil(x), isDeterministic: true),
            ["floor"] = () => connection.CreateFunction("floor", (object? x) => MathFunctions.Floor(x), isDeterministic: true),
            ["pi"] = () => connection.CreateFunction("pi", () => Math.PI, isDeterministic: true),
        };

        // osquery's carve() is an aggregate: each row adds its path (NULL adds nothing), and the end of the group starts
        // one carve of them all. The seed is shared by every group, so it must be immutable.
        r["carve"] = () => connection.CreateAggregate("carve", ImmutableList<string>.Empty,
            (ImmutableList<string> paths, string? path) => path is null ? paths : paths.Add(path),
            paths => Carver.Of(Context).RequestFromFunction(paths));

        foreach (var (name, f) in MathFunctions.Unary)
        {
            r[name] = () => connection.CreateFunction(name, (object? x) => MathFunctions.Call(f, x), isDeterministic: true);
        }

        return r;
    }

    /// <summary>Registers the functions and tables <paramref name="sql"/> names that are not registered yet (under the
    /// gate). Each word of the statement is looked up once: looking for each pending name in it was more than half of the
    /// instructions of the agent's start, where every pack and rule query is checked (docs/tracer.md, "The start
    /// path").</summary>
    private void RegisterNamedIn(string sql)
    {
        var tablesLeft = registeredTables.Count < tableNames.Count;
        if (pendingFunctions.Count == 0 && !tablesLeft)
        {
            return;
        }

        // Looked up word by word without building the statement's word set: no allocation per word.
        var tables = tableNames.GetAlternateLookup<ReadOnlySpan<char>>();
        var functions = pendingFunctions.GetAlternateLookup<ReadOnlySpan<char>>();
        var allTables = false;
        var allFunctions = false;
        for (var at = 0; SqlWords.Next(sql, ref at, out var word);)
        {
            // Most words are keywords and columns: the filter passes them over without hashing them twice without case
            // (docs/tracer.md, "The agent's start beside the app, sixth pass").
            if (!registrable.MayHold(word))
            {
                continue;
            }

            if (tablesLeft && tables.TryGetValue(word, out var name, out var table) && registeredTables.Add(name))
            {
                RegisterModule(name, table);
            }

            if (pendingFunctions.Count > 0 && functions.Remove(word, out _, out var register))
            {
                register();
            }

            // pragma module_list, table_list and function_list (or their table-valued forms) list them all, as before
            // they were lazy.
            allTables |= Lists(word, "module_list") || Lists(word, "table_list");
            allFunctions |= Lists(word, "function_list");
        }

        if (allTables)
        {
            foreach (var (name, table) in tableNames)
            {
                if (registeredTables.Add(name))
                {
                    RegisterModule(name, table);
                }
            }
        }

        if (allFunctions)
        {
            foreach (var name in pendingFunctions.Keys.ToArray())
            {
                pendingFunctions.Remove(name, out var register);
                register!();
            }
        }
    }

    // The words Lists is true for, without case.
    private static readonly string[] ListingWords =
        ["module_list", "table_list", "function_list", "pragma_module_list", "pragma_table_list", "pragma_function_list"];

    /// <summary>Whether <paramref name="word"/> is the pragma <paramref name="list"/> or its table-valued form.</summary>
    private static bool Lists(ReadOnlySpan<char> word, string list) =>
        word.EndsWith(list, StringComparison.OrdinalIgnoreCase)
        && (word.Length == list.Length || word[..^list.Length].Equals("pragma_", StringComparison.OrdinalIgnoreCase));

    // What find_file_path_in_cmd tests: an existing file, not a directory, seen through the agent's file-system root
    // (docs/tables-and-paths.md), which is the container's own.
    private bool IsFile(string path) => path.Length > 0 && File.Exists(Context.Fs.Resolve(path));

    /// <summary><c>sleep(seconds)</c>, as osquery: waits the whole number of seconds its argument gives (0 for NULL, text
    /// that is no number or a negative number) and returns it. Bounded by <see cref="MaxSleep"/>, and ended early by
    /// the statement's time limit or cancellation, which then fails the statement as interrupted.</summary>
    private long Sleep(object? seconds)
    {
        var (wait, result) = SleepPlan(seconds, MaxSleep);
        if (wait > TimeSpan.Zero && currentCancellation.WaitHandle.WaitOne(wait))
        {
            throw new SqlQueryException("interrupted");
        }

        return result;
    }

    /// <summary>How long <c>sleep</c> waits and what it returns: the argument read as an integer (negative gives 0),
    /// capped at <paramref name="max"/>; the result is the seconds waited.</summary>
    internal static (TimeSpan Wait, long Result) SleepPlan(object? seconds, TimeSpan max)
    {
        var n = SqlValue.ToInteger(seconds);
        if (n <= 0)
        {
            return (TimeSpan.Zero, 0);
        }

        var capped = Math.Min(n, (long)max.TotalSeconds);
        return (TimeSpan.FromSeconds(capped), capped);
    }
}
