// SPDX-License-Identifier: Apache-2.0
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace FarQuery.Tables.Generator;

/// <summary>Turns each <c>tables/specs/*.json</c> (given as AdditionalFiles) into the generated half of its table class
/// (schema, column ordinals) and adds it to <c>TableRegistry.All</c>, so start-up enumerates nothing by reflection.
/// A spec without a hand-written <c>partial class XTable(TableContext)</c> does not compile.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class TableSpecGenerator : IIncrementalGenerator
{
    private static readonly DiagnosticDescriptor BadSpec = new(
        "FQ0001", "Invalid table spec", "{0}: {1}", "FarQuery.Tables", DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var specs = context.AdditionalTextsProvider
            .Where(static f => f.Path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                && Path.GetFileName(Path.GetDirectoryName(f.Path)) == "specs")
            .Select(static (f, ct) => Read(f.Path, f.GetText(ct)?.ToString() ?? ""));

        context.RegisterSourceOutput(specs, static (spc, spec) =>
        {
            if (spec.Error is not null)
            {
                spc.ReportDiagnostic(Diagnostic.Create(BadSpec, Location.None, spec.File, spec.Error));
                return;
            }

            spc.AddSource(spec.ClassName + ".g.cs", SourceText.From(EmitTable(spec), Encoding.UTF8));
        });

        context.RegisterSourceOutput(specs.Collect(), static (spc, all) =>
            spc.AddSource("TableRegistry.g.cs", SourceText.From(EmitRegistry(all), Encoding.UTF8)));
    }

    private static Spec Read(string path, string text)
    {
        var file = Path.GetFileName(path);
        try
        {
            if (MiniJson.Parse(text) is not Dictionary<string, object?> root)
            {
                return Spec.Failed(file, "the spec must be a JSON object");
            }

            var name = root.TryGetValue("name", out var n) ? n as string : null;
            if (string.IsNullOrEmpty(name) || name + ".json" != file)
            {
                return Spec.Failed(file, "'name' must be present and match the file name");
            }

            var columns = new List<Column>();
            if (!root.TryGetValue("columns", out var cols) || cols is not List<object?> colList || colList.Count == 0)
            {
                return Spec.Failed(file, "'columns' must be a non-empty array");
            }

            foreach (var c in colList)
            {
                if (c is not Dictionary<string, object?> cd || cd.TryGetValue("name", out var cn) is false || cn is not string colName)
                {
                    return Spec.Failed(file, "every column needs a 'name'");
                }

                var type = cd.TryGetValue("type", out var t) ? t as string ?? "" : "";
                var typeEnum = type.ToUpperInvariant() switch
                {
                    "TEXT" or "DATE" or "DATETIME" => "Text",
                    "INTEGER" => "Integer",
                    "BIGINT" => "BigInt",
                    "UNSIGNED_BIGINT" or "UNSIGNED BIGINT" => "UnsignedBigInt",
                    "DOUBLE" => "Double",
                    "BLOB" => "Blob",
                    _ => null,
                };
                if (typeEnum is null)
                {
                    return Spec.Failed(file, $"column '{colName}' has unknown type '{type}'");
                }

                var flags = new List<string>();
                if (cd.TryGetValue("flags", out var f) && f is List<object?> fl)
                {
                    foreach (var flag in fl)
                    {
                        var s = flag as string;
                        var mapped = s switch
                        {
                            "index" => "Index",
                            "required" => "Required",
                            "additional" => "Additional",
                            "optimized" => "Optimized",
                            "hidden" => "Hidden",
                            _ => null,
                        };
                        if (mapped is null)
                        {
                            return Spec.Failed(file, $"column '{colName}' has unknown flag '{s}'");
                        }

                        flags.Add(mapped);
                    }
                }

                var doc = cd.TryGetValue("doc", out var d) ? d as string ?? "" : "";
                var collate = cd.TryGetValue("collate", out var co) ? co as string : null;
                columns.Add(new Column(colName, typeEnum, flags, doc, collate));
            }

            var dup = columns.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
            if (dup is not null)
            {
                return Spec.Failed(file, $"column '{dup.Key}' is declared twice");
            }

            var isEvent = root.TryGetValue("event", out var ev) && ev is true;
            if (isEvent && (!columns.Any(c => c.Name == "time") || !columns.Any(c => c.Name == "eid")))
            {
                return Spec.Failed(file, "an event table needs 'time' and 'eid' columns");
            }

            return new Spec(
                file,
                null,
                name!,
                root.TryGetValue("description", out var desc) ? desc as string ?? "" : "",
                isEvent,
                Strings(root, "aliases"),
                Strings(root, "examples"),
                columns);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or ArgumentException or IndexOutOfRangeException)
        {
            return Spec.Failed(file, e.Message);
        }
    }

    private static List<string> Strings(Dictionary<string, object?> root, string key) =>
        root.TryGetValue(key, out var v) && v is List<object?> l ? l.OfType<string>().ToList() : new List<string>();

    private static string Pascal(string snake)
    {
        var sb = new StringBuilder();
        foreach (var part in snake.Split('_'))
        {
            if (part.Length > 0)
            {
                sb.Append(char.ToUpperInvariant(part[0])).Append(part.Substring(1));
            }
        }

        var s = sb.ToString();
        return s.Length > 0 && char.IsDigit(s[0]) ? "_" + s : s;
    }

    private static string Lit(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n").Replace("\r", "") + "\"";

    private static string EmitTable(Spec spec)
    {
        var sb = new StringBuilder();
        sb.AppendLine("// <auto-generated/> from tables/specs/" + spec.File);
        sb.AppendLine("#nullable enable");
        sb.AppendLine("namespace FarQuery.Tables;");
        sb.AppendLine();
        sb.AppendLine("/// <summary>" + System.Security.SecurityElement.Escape(spec.Description) + "</summary>");
        sb.AppendLine("public sealed partial class " + spec.ClassName);
        sb.AppendLine("{");
        sb.AppendLine("    /// <summary>The spec of <c>" + spec.Name + "</c>.</summary>");
        sb.AppendLine("    public static global::FarQuery.Core.TableSchema Spec { get; } = new(");
        sb.AppendLine("        " + Lit(spec.Name) + ",");
        sb.AppendLine("        " + Lit(spec.Description) + ",");
        sb.AppendLine("        new global::FarQuery.Core.ColumnSchema[]");
        sb.AppendLine("        {");
        foreach (var c in spec.Columns)
        {
            var flags = c.Flags.Count == 0 ? "global::FarQuery.Core.ColumnOptions.None" : string.Join(" | ", c.Flags.Select(f => "global::FarQuery.Core.ColumnOptions." + f));
            sb.AppendLine($"            new({Lit(c.Name)}, global::FarQuery.Core.ColumnType.{c.Type}, {flags}, {Lit(c.Doc)}, {(c.Collate is null ? "null" : Lit(c.Collate))}),");
        }

        sb.AppendLine("        },");
        sb.AppendLine("        isEventTable: " + (spec.IsEvent ? "true" : "false") + ",");
        sb.AppendLine("        aliases: new string[] { " + string.Join(", ", spec.Aliases.Select(Lit)) + " },");
        sb.AppendLine("        examples: new string[] { " + string.Join(", ", spec.Examples.Select(Lit)) + " });");
        sb.AppendLine();
        sb.AppendLine("    /// <inheritdoc/>");
        sb.AppendLine("    public override global::FarQuery.Core.TableSchema Schema => Spec;");
        sb.AppendLine();
        sb.AppendLine("    /// <summary>Column ordinals of <c>" + spec.Name + "</c>.</summary>");
        sb.AppendLine("    public static class C");
        sb.AppendLine("    {");
        for (var i = 0; i < spec.Columns.Count; i++)
        {
            sb.AppendLine("        /// <summary>" + System.Security.SecurityElement.Escape(spec.Columns[i].Doc) + "</summary>");
            sb.AppendLine("        public const int " + Pascal(spec.Columns[i].Name) + " = " + i + ";");
        }

        sb.AppendLine("    }");
        sb.AppendLine();
        EmitRow(sb, spec);
        sb.AppendLine("}");
        return sb.ToString();
    }

    // The CLR type a column's setter takes: the one value type the SQL host stores for the column's declared type, so a
    // value of another type is a compile error in the table instead of a NULL at query time (docs/conventions.md).
    private static string ClrType(string columnType) => columnType switch
    {
        "Text" => "string?",
        "Double" => "double?",
        "Blob" => "byte[]?",
        _ => "long?",
    };

    private static string EmitRowSummary(Spec spec) =>
        "One row of <c>" + spec.Name + "</c>: a typed property per column over the <c>object?[]</c> that Generate yields.";

    private static void EmitRow(StringBuilder sb, Spec spec)
    {
        sb.AppendLine("    /// <summary>A new row of <c>" + spec.Name + "</c> with every column NULL.</summary>");
        sb.AppendLine("    internal static Row NewRow() => new(new object?[" + spec.Columns.Count + "]);");
        sb.AppendLine();
        sb.AppendLine("    /// <summary>" + EmitRowSummary(spec) + "</summary>");
        sb.AppendLine("    public readonly partial struct Row");
        sb.AppendLine("    {");
        sb.AppendLine("        private readonly object?[] values;");
        sb.AppendLine();
        sb.AppendLine("        internal Row(object?[] values) => this.values = values;");
        sb.AppendLine();
        sb.AppendLine("        /// <summary>The values by column ordinal, as Generate yields them.</summary>");
        sb.AppendLine("        public object?[] Values => values;");
        sb.AppendLine();
        sb.AppendLine("        /// <summary>The values, so an iterator can <c>yield return row</c>.</summary>");
        sb.AppendLine("        public static implicit operator object?[](Row row) => row.values;");
        sb.AppendLine();
        sb.AppendLine("        /// <summary>A row with the same values, to change without touching this one.</summary>");
        sb.AppendLine("        public Row Copy() => new((object?[])values.Clone());");
        foreach (var c in spec.Columns)
        {
            var name = Pascal(c.Name);
            var type = ClrType(c.Type);
            sb.AppendLine();
            sb.AppendLine("        /// <summary>" + System.Security.SecurityElement.Escape(c.Doc) + " (" + c.Type + ")</summary>");
            sb.AppendLine("        public " + type + " " + name + " { get => (" + type + ")values[C." + name + "]; set => values[C." + name + "] = value; }");
        }

        sb.AppendLine("    }");
    }

    private static string EmitRegistry(ImmutableArray<Spec> all)
    {
        var sb = new StringBuilder();
        sb.AppendLine("// <auto-generated/> from tables/specs/*.json");
        sb.AppendLine("#nullable enable");
        sb.AppendLine("namespace FarQuery.Tables;");
        sb.AppendLine();
        sb.AppendLine("/// <summary>Every table with a spec, sorted by name.</summary>");
        sb.AppendLine("public static partial class TableRegistry");
        sb.AppendLine("{");
        sb.AppendLine("    /// <summary>One registration per spec.</summary>");
        sb.AppendLine("    public static global::System.Collections.Generic.IReadOnlyList<global::FarQuery.Core.TableRegistration> All { get; } = new global::FarQuery.Core.TableRegistration[]");
        sb.AppendLine("    {");
        foreach (var s in all.Where(s => s.Error is null).OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            sb.AppendLine($"        new({s.ClassName}.Spec, static c => new {s.ClassName}(c)),");
        }

        sb.AppendLine("    };");
        sb.AppendLine("}");
        return sb.ToString();
    }

    private sealed class Column
    {
        public Column(string name, string type, List<string> flags, string doc, string? collate)
        {
            Name = name;
            Type = type;
            Flags = flags;
            Doc = doc;
            Collate = collate;
        }

        public string Name { get; }

        public string Type { get; }

        public List<string> Flags { get; }

        public string Doc { get; }

        public string? Collate { get; }
    }

    private sealed class Spec : IEquatable<Spec>
    {
        public Spec(string file, string? error, string name, string description, bool isEvent, List<string> aliases, List<string> examples, List<Column> columns)
        {
            File = file;
            Error = error;
            Name = name;
            Description = description;
            IsEvent = isEvent;
            Aliases = aliases;
            Examples = examples;
            Columns = columns;
            ClassName = Pascal(name) + "Table";
        }

        public string File { get; }

        public string? Error { get; }

        public string Name { get; }

        public string Description { get; }

        public bool IsEvent { get; }

        public List<string> Aliases { get; }

        public List<string> Examples { get; }

        public List<Column> Columns { get; }

        public string ClassName { get; }

        public static Spec Failed(string file, string error) =>
            new(file, error, "", "", false, new List<string>(), new List<string>(), new List<Column>());

        // Value equality keeps the incremental pipeline from re-emitting unchanged specs.
        public bool Equals(Spec? other) => other is not null && other.File == File && other.Fingerprint == Fingerprint;

        public override bool Equals(object? obj) => Equals(obj as Spec);

        public override int GetHashCode() => Fingerprint.GetHashCode();

        private string Fingerprint => File + "|" + Error + "|" + EmitTable(this);
    }
}
