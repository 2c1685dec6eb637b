// SPDX-License-Identifier: Apache-2.0
using System.Reflection;
using System.Text;

// The bindings are read by reflection; tests are never trimmed or AOT-compiled.
#pragma warning disable IL2026, IL2070, IL2075, IL3050

namespace FarQuery.Interop.Tests;

using Interop = global::Interop;

/// <summary>The constants, struct sizes and field offsets of the optional libraries' bindings (Interop.Yara,
/// Interop.Magic, Interop.Augeas), checked against yara.h, magic.h and augeas.h with gcc as <see cref="LayoutTests"/>
/// does for libc. The headers come from Debian's libyara-dev, libmagic-dev and libaugeas-dev (.ci/run installs them).</summary>
public sealed class OptionalLibraryLayoutTests
{
    private static readonly string[] Headers = ["/usr/include/yara.h", "/usr/include/magic.h", "/usr/include/augeas.h"];

    [Fact]
    public void Constants_And_Layouts_MatchTheHeaders()
    {
        if (!File.Exists("/usr/bin/gcc") || Headers.Any(h => !File.Exists(h)))
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") != "true", "gcc, libyara-dev, libmagic-dev and libaugeas-dev are required on CI (.ci/run installs them)");
            Console.Error.WriteLine("LOUD SKIP: gcc or a -dev header of libyara, libmagic or libaugeas is missing; the optional libraries' layout checks did not run");
            return;
        }

        // augeas.h includes libxml2's headers, which Debian keeps in their own directory.
        LayoutTests.Compile("gcc", Generate(), "-I/usr/include/libxml2");
    }

    private static string Generate()
    {
        var c = new StringBuilder("#include <stddef.h>\n#include <stdbool.h>\n#include <yara.h>\n#include <magic.h>\n#include <augeas.h>\n");
        var constants = 0;
        foreach (var type in new[] { typeof(Interop.Yara), typeof(Interop.Magic), typeof(Interop.Augeas) })
        {
            foreach (var f in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic).Where(f => f.IsLiteral))
            {
                // The one offset into the otherwise opaque scan context is not a macro (it is checked below), nor is the
                // import name the resolver binds.
                if (f.Name is not (nameof(Interop.Yara.YR_SCAN_CONTEXT_matches) or nameof(Interop.Yara.LibraryName)))
                {
                    LayoutTests.Check(c, $"{f.Name} == {LayoutTests.Literal(f.GetRawConstantValue()!)}", f.Name);
                    constants++;
                }
            }
        }

        Assert.True(constants >= 12, $"only {constants} constants found");
        LayoutTests.Check(c, $"offsetof(YR_SCAN_CONTEXT, matches) == {Interop.Yara.YR_SCAN_CONTEXT_matches}", "YR_SCAN_CONTEXT.matches");
        var yara = typeof(Interop.Yara);
        LayoutTests.Struct(c, yara, "YR_RULE", "YR_RULE", ["flags", "identifier", "tags", "strings"]);
        LayoutTests.Struct(c, yara, "YR_STRING", "YR_STRING", ["flags", "idx", "identifier"]);
        LayoutTests.Struct(c, yara, "YR_MATCHES", "YR_MATCHES", ["head", "tail", "count"]);
        LayoutTests.Struct(c, yara, "YR_MATCH", "YR_MATCH", ["base", "offset", "next", "is_private"]);
        LayoutTests.Check(c, "sizeof(bool) == 1", "bool is one byte (YR_MATCH.is_private)");
        return c.ToString();
    }
}
