// SPDX-License-Identifier: Apache-2.0
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

// The bindings are read by reflection; tests are never trimmed or AOT-compiled.
#pragma warning disable IL2026, IL2070, IL2075, IL3050

namespace FarQuery.Interop.Tests;

using Interop = global::Interop;

/// <summary>Every constant, struct size and field offset of the SQLite bindings (Interop.Sqlite3), checked against
/// sqlite3.h: a C file with one static_assert per value is generated and compiled with gcc, as <see cref="LayoutTests"/>
/// does for libc. The header comes from Debian's libsqlite3-dev, which .ci/run installs; the structs and
/// constants checked here have kept their layout and values across SQLite 3 releases, so the distribution's header
/// vouches for the copy SQLitePCLRaw bundles.</summary>
public sealed class Sqlite3LayoutTests
{
    private const string Header = "/usr/include/sqlite3.h";

    [Fact]
    public void Constants_And_Layouts_MatchSqlite3H()
    {
        if (!File.Exists("/usr/bin/gcc") || !File.Exists(Header))
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") != "true", "gcc and libsqlite3-dev are required on CI (.ci/run installs them)");
            Console.Error.WriteLine("LOUD SKIP: gcc or sqlite3.h (libsqlite3-dev) is not installed; the SQLite layout checks did not run");
            return;
        }

        LayoutTests.Compile("gcc", Generate());
    }

    private static string Generate()
    {
        var sqlite = typeof(Interop.Sqlite3);
        var c = new StringBuilder("#include <stddef.h>\n#include <sqlite3.h>\n");
        var constants = 0;
        foreach (var f in sqlite.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic).Where(f => f.IsLiteral))
        {
            LayoutTests.Check(c, $"{f.Name} == {LayoutTests.Literal(f.GetRawConstantValue()!)}", f.Name);
            constants++;
        }

        Assert.True(constants > 40, $"only {constants} constants found");
        LayoutTests.Struct(c, sqlite, "sqlite3_vtab", "struct sqlite3_vtab", ["pModule", "nRef", "zErrMsg"]);
        LayoutTests.Struct(c, sqlite, "sqlite3_vtab_cursor", "struct sqlite3_vtab_cursor", ["pVtab"]);
        LayoutTests.Struct(c, sqlite, "sqlite3_index_constraint", "struct sqlite3_index_constraint", ["iColumn", "op", "usable", "iTermOffset"]);
        LayoutTests.Struct(c, sqlite, "sqlite3_index_orderby", "struct sqlite3_index_orderby", ["iColumn", "desc"]);
        LayoutTests.Struct(c, sqlite, "sqlite3_index_constraint_usage", "struct sqlite3_index_constraint_usage", ["argvIndex", "omit"]);
        LayoutTests.Struct(c, sqlite, "sqlite3_index_info", "struct sqlite3_index_info", [
            "nConstraint", "aConstraint", "nOrderBy", "aOrderBy", "aConstraintUsage", "idxNum", "idxStr", "needToFreeIdxStr",
            "orderByConsumed", "estimatedCost", "estimatedRows", "idxFlags", "colUsed",
        ]);

        // The binding stops at xShadowName, the last method of iVersion 3, which is all the host registers
        // (https://sqlite.org/c3ref/module.html); newer headers append methods, so the size is checked as "ends where
        // xShadowName ends" rather than against sizeof.
        var module = sqlite.GetNestedType("sqlite3_module", BindingFlags.NonPublic)!;
        foreach (var field in module.GetFields(BindingFlags.Instance | BindingFlags.Public))
        {
            LayoutTests.Check(c, $"offsetof(struct sqlite3_module, {field.Name}) == {Marshal.OffsetOf(module, field.Name)}", "sqlite3_module." + field.Name);
        }

        LayoutTests.Check(
            c,
            string.Create(CultureInfo.InvariantCulture, $"offsetof(struct sqlite3_module, xShadowName) + sizeof(void *) == {Marshal.SizeOf(module)}"),
            "sizeof(sqlite3_module), iVersion 3");
        return c.ToString();
    }
}
