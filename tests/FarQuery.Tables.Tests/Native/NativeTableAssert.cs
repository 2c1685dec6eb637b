// SPDX-License-Identifier: Apache-2.0
using FarQuery.Core;
using FarQuery.Sql;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Native;

/// <summary>Shared steps of the native tables' tests: the fixture tree, the library check, the absent-library path.</summary>
internal static class NativeTableAssert
{
    /// <summary>The fixture tree the native tables read.</summary>
    public const string Scenario = "native";

    /// <summary>True when the library loads; false (and a loud skip) when it does not, which fails on CI, where
    /// .ci/run installs it.</summary>
    public static bool Loaded(Interop.OptionalLibrary library)
    {
        if (library.TryLoad(out var message))
        {
            return true;
        }

        Assert.True(Environment.GetEnvironmentVariable("CI") != "true", $"{library.Package} is required on CI (.ci/run installs it): {message}");
        Console.Error.WriteLine("LOUD SKIP: " + message);
        return false;
    }

    /// <summary>Runs <paramref name="sql"/> with the table's library pointed at a name that does not exist (the
    /// seam an image without the Debian package meets) and returns the query's error.</summary>
    public static string AbsentLibraryError(Func<NativeLibraries, Interop.OptionalLibrary, NativeLibraries> with, string sql)
    {
        var context = Fixtures.Context(Scenario);
        var missing = new Interop.OptionalLibrary("farquery-test-absent", ["libfarquery-absent.so.404"], "libabsent9");
        context.Services.Set(with(NativeLibraries.Default, missing));
        using var host = TableAssert.Host(context);
        return Assert.Throws<SqlQueryException>(() => host.Query(sql)).Message;
    }
}
