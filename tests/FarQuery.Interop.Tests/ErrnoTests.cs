// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Interop.Tests;

/// <summary><c>Interop.Name</c> gives what the enum's own <c>ToString</c> gives, without the reflection.</summary>
public sealed class ErrnoTests
{
    [Fact]
    public void Name_EveryDefinedValue_IsItsEnumName()
    {
        // A value added to the enum without its case in Name fails here.
        foreach (var errno in Enum.GetValues<global::Interop.Errno>())
        {
            Assert.Equal(errno.ToString(), global::Interop.Name(errno));
        }
    }

    [Fact]
    public void Name_UndefinedValue_IsItsNumber()
    {
        Assert.Equal("110", global::Interop.Name((global::Interop.Errno)110));
        Assert.Equal(((global::Interop.Errno)110).ToString(), global::Interop.Name((global::Interop.Errno)110));
    }
}
