// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Admin;

/// <summary>Refuses, before they reach SQLite, the statements that <c>PRAGMA query_only</c> lets through but that
/// would change a pooled host for every later client or touch the file system as the agent's user: ATTACH (creates
/// an empty file at any path), VACUUM INTO (same), PRAGMA assignments (<c>PRAGMA query_only = 0</c> would lift the
/// read-only guard on that worker), and transaction control (a BEGIN left open would wrap other clients' queries).
/// Data-changing statements (INSERT, CREATE ...) are left to SQLite, which refuses them with its own message, the
/// same one an in-process query prints. Every statement of a multi-statement request is checked, because the SQLite
/// provider runs them all.</summary>
internal static class StatementGuard
{
    private static readonly HashSet<string> Refused = new(StringComparer.OrdinalIgnoreCase)
    {
        "ATTACH", "DETACH", "VACUUM", "BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE", "ANALYZE", "REINDEX",
    };

    // Introspection pragmas take a table or index name in parentheses and change nothing
    // (https://sqlite.org/pragma.html#pragfunc lists them among the side-effect-free ones).
    private static readonly HashSet<string> ReadingPragmas = new(StringComparer.OrdinalIgnoreCase)
    {
        "table_info", "table_xinfo", "table_list", "index_list", "index_info", "index_xinfo", "foreign_key_list",
        "function_list", "module_list", "pragma_list", "collation_list", "compile_options", "database_list",
    };

    /// <summary>Null when every statement may run; else the reason for refusing.</summary>
    public static string? Check(string sql)
    {
        foreach (var statement in Statements(sql))
        {
            var words = statement.Words;
            if (words.Count == 0)
            {
                continue;
            }

            var first = words[0];
            if (Refused.Contains(first))
            {
                return $"{first.ToUpperInvariant()} is refused over the admin socket: it would change the agent's shared SQL connection or write files";
            }

            if (first.Equals("PRAGMA", StringComparison.OrdinalIgnoreCase) && words.Count > 1)
            {
                var name = words[1].Contains('.', StringComparison.Ordinal) ? words[1][(words[1].LastIndexOf('.') + 1)..] : words[1];
                if (statement.HasAssignment || (statement.HasParenthesis && !ReadingPragmas.Contains(name)))
                {
                    return $"PRAGMA {name} with a value is refused over the admin socket: only pragmas that read run there";
                }
            }
        }

        return null;
    }

    /// <summary>Splits SQL into statements at semicolons outside strings, quoted identifiers and comments; for each,
    /// the bare words before the first parenthesis or '=' and whether one of those follows.</summary>
    private static List<Statement> Statements(string sql)
    {
        var result = new List<Statement>();
        var current = new Statement();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c == ';')
            {
                result.Add(current);
                current = new Statement();
                i++;
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                i = sql.IndexOf('\n', i) is var nl and >= 0 ? nl + 1 : sql.Length;
            }
            else if (c == '/' && i + 1 < sql.Length && sql[i + 1] == '*')
            {
                i = sql.IndexOf("*/", i + 2, StringComparison.Ordinal) is var end and >= 0 ? end + 2 : sql.Length;
            }
            else if (c is '\'' or '"' or '`' or '[')
            {
                var close = c == '[' ? ']' : c;
                var start = i + 1;
                i = start;
                while (i < sql.Length)
                {
                    if (sql[i] == close)
                    {
                        // A doubled quote is an escaped quote inside the literal.
                        if (close != ']' && i + 1 < sql.Length && sql[i + 1] == close)
                        {
                            i += 2;
                            continue;
                        }

                        break;
                    }

                    i++;
                }

                if (c != '\'' && !current.Closed)
                {
                    // A quoted identifier still counts as a word: PRAGMA "query_only" = 0.
                    current.Words.Add(sql[start..Math.Min(i, sql.Length)]);
                }

                i++;
            }
            else if (char.IsLetterOrDigit(c) || c == '_' || c == '.')
            {
                var start = i;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '.' or '$'))
                {
                    i++;
                }

                if (!current.Closed)
                {
                    current.Words.Add(sql[start..i]);
                }
            }
            else
            {
                if (!current.Closed && c == '(')
                {
                    current.HasParenthesis = true;
                    current.Closed = true;
                }
                else if (!current.Closed && c == '=')
                {
                    current.HasAssignment = true;
                    current.Closed = true;
                }

                i++;
            }
        }

        result.Add(current);
        return result;
    }

    private sealed class Statement
    {
        public List<string> Words { get; } = [];

        public bool HasParenthesis { get; set; }

        public bool HasAssignment { get; set; }

        /// <summary>Words after the first '(' or '=' are not collected: only the head decides.</summary>
        public bool Closed { get; set; }
    }
}
