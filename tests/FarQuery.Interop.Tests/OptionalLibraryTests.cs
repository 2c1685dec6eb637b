// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Interop.Tests;

using Interop = global::Interop;

public sealed class OptionalLibraryTests
{
    [Fact]
    public void TryLoad_MissingLibrary_FailsNamingThePackage()
    {
        var library = new Interop.OptionalLibrary("farquery-test-missing", ["libfarquery-absent.so.404"], "libabsent1");

        Assert.False(library.TryLoad(out var message));
        Assert.Equal("libfarquery-absent.so.404 not found; install the Debian package libabsent1 (apt-get install libabsent1)", message);
        Assert.Equal(message, library.Status);
    }

    [Fact]
    public void TryLoad_FailingInitialisation_ReportsItsError()
    {
        var library = new Interop.OptionalLibrary("farquery-test-init", ["libc.so.6"], "libc6", _ => "refused");

        Assert.False(library.TryLoad(out var message));
        Assert.Equal("libc.so.6: refused", message);
    }

    [Fact]
    public unsafe void TryLoad_Libmagic_BindsTheImportsToTheLoadedSoname()
    {
        if (!Interop.Magic.Library.TryLoad(out var message))
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") != "true", "libmagic1 is required on CI (.ci/run installs it): " + message);
            Console.Error.WriteLine("LOUD SKIP: " + message);
            return;
        }

        // A call through the logical import name only works when the resolver hands out the loaded handle.
        var cookie = Interop.Magic.magic_open(Interop.Magic.MAGIC_NONE);
        Assert.NotEqual(0, cookie);
        Interop.Magic.magic_close(cookie);
        Assert.Equal("loaded libmagic.so.1", Interop.Magic.Library.Status);
    }
}
