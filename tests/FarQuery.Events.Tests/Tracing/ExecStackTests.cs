// SPDX-License-Identifier: Apache-2.0
using System.Runtime.InteropServices;
using System.Text;
using FarQuery.Events.Tracing;

namespace FarQuery.Events.Tests.Tracing;

/// <summary>The new image's stack as the kernel lays it out at exec (argc, argv, envp, auxv, then the strings), built
/// here as fixtures: parsed as bytes, and read with process_vm_readv from this process's own native memory.</summary>
public sealed unsafe class ExecStackTests
{
    private const ulong AT_PAGESZ = 6, AT_EXECFN = 31;

    [Fact]
    public void TryParse_KernelLayout_FindsArgvStringsAndExecFn()
    {
        var image = StackImage.Build(0x7ffd_0000_0000, ["./mytrue", "first", "two words"], ["A=1", "B=2"], "./mytrue");
        Assert.True(ExecStack.TryParse(image.Block, out var layout));
        Assert.Equal(3, layout.Argc);
        Assert.Equal(image.ArgvStart, layout.ArgvStart);
        Assert.Equal(image.EnvStart, layout.ArgvEnd);
        Assert.Equal(image.ExecFn, layout.ExecFn);
    }

    [Fact]
    public void TryParse_NoEnvironment_ArgvEndsAtExecFn()
    {
        var image = StackImage.Build(0x7ffd_0000_0000, ["/bin/true"], [], "/bin/true");
        Assert.True(ExecStack.TryParse(image.Block, out var layout));
        Assert.Equal(image.ExecFn, layout.ArgvEnd);
    }

    [Fact]
    public void TryParse_BlockCutBeforeAuxvEnd_IsFalse()
    {
        var image = StackImage.Build(0x7ffd_0000_0000, ["a", "b"], ["X=1"], "/a");
        Assert.False(ExecStack.TryParse(image.Block[..(image.Block.Length - 16)], out _));
    }

    [Fact]
    public void TryParse_ArgcZero_IsFalse()
    {
        var block = new byte[64];
        Assert.False(ExecStack.TryParse(block, out _));
    }

    [Fact]
    public void Decode_ArgvAndExecFn_JoinsLikeProcCmdline()
    {
        var image = StackImage.Build(0x7ffd_0000_0000, ["./mytrue", "first", "two words"], ["A=1"], "./mytrue");
        Assert.True(ExecStack.TryParse(image.Block, out var layout));
        var kept = (int)(layout.ArgvEnd - layout.ArgvStart);
        var memory = image.Strings(layout.ArgvStart, kept).Concat(image.Strings(layout.ExecFn, 64)).ToArray();
        var s = ExecStack.Decode(layout, memory, kept);
        Assert.NotNull(s);
        Assert.Equal("./mytrue first two words", s.Cmdline);
        Assert.Equal(3, s.Argc);
        Assert.Equal("./mytrue".Length + "first".Length + "two words".Length, s.Size);
        Assert.Equal("./mytrue", s.ExecFn);
        Assert.Equal("mytrue", s.Comm);
    }

    [Fact]
    public void Decode_CutAtTheCap_KeepsTheFullSize()
    {
        var image = StackImage.Build(0x7ffd_0000_0000, ["prog", new string('x', 100)], [], "/usr/bin/prog");
        Assert.True(ExecStack.TryParse(image.Block, out var layout));
        var memory = image.Strings(layout.ArgvStart, 10).Concat(image.Strings(layout.ExecFn, 64)).ToArray();
        var s = ExecStack.Decode(layout, memory, 10);
        Assert.NotNull(s);
        Assert.Equal("prog xxxxx", s.Cmdline);
        Assert.Equal(104, s.Size);
    }

    [Fact]
    public void Decode_StringsNotAsThePointersSay_IsNull()
    {
        var image = StackImage.Build(0x7ffd_0000_0000, ["a", "b"], [], "/a");
        Assert.True(ExecStack.TryParse(image.Block, out var layout));
        var kept = (int)(layout.ArgvEnd - layout.ArgvStart);
        var memory = new byte[kept + 8];
        Assert.Null(ExecStack.Decode(layout, memory, kept));
    }

    [Theory]
    [InlineData("/usr/bin/python3.11", "python3.11")]
    [InlineData("./a-very-long-program-name", "a-very-long-pro")]
    [InlineData("true", "true")]
    [InlineData("/dev/fd/3", null)]
    [InlineData("/tmp/", null)]
    public void CommOf_ExecPath_IsTheKernelsName(string path, string? expected) =>
        Assert.Equal(expected, ExecStack.CommOf(Encoding.UTF8.GetBytes(path)));

    [Fact]
    public void Read_StackInMemory_ReadsTheStringsInTwoCalls()
    {
        // A stack image with real pointers, in this process's memory: the same kernel path as another process's.
        const int Size = 8192;
        var mem = (byte*)NativeMemory.AlignedAlloc(Size, 4096);
        try
        {
            var image = StackImage.Build((ulong)mem, ["/bin/echo", "hello", "world"], ["HOME=/root", "PATH=/bin"], "/bin/echo");
            image.Bytes.CopyTo(new Span<byte>(mem, Size));
            var s = ExecStack.Read(Environment.ProcessId, (ulong)mem, 128 * 1024);
            Assert.NotNull(s);
            Assert.Equal("/bin/echo hello world", s.Cmdline);
            Assert.Equal("/bin/echo", s.ExecFn);
            Assert.Equal("echo", s.Comm);
            Assert.Equal(3, s.Argc);
        }
        finally
        {
            NativeMemory.AlignedFree(mem);
        }
    }

    /// <summary>A stack as the kernel lays it out at <c>sp</c>: the pointer block, then the argv strings, the
    /// environment strings and the exec path, padded to 8 KB.</summary>
    private sealed class StackImage
    {
        public required byte[] Bytes { get; init; }

        public required ulong Sp { get; init; }

        public required int BlockLength { get; init; }

        public required ulong ArgvStart { get; init; }

        public required ulong EnvStart { get; init; }

        public required ulong ExecFn { get; init; }

        public ReadOnlySpan<byte> Block => Bytes.AsSpan(0, BlockLength);

        public IEnumerable<byte> Strings(ulong at, int count) => Bytes.Skip((int)(at - Sp)).Take(count);

        public static StackImage Build(ulong sp, string[] argv, string[] env, string execFn)
        {
            var words = 1 + argv.Length + 1 + env.Length + 1 + 6;
            var blockLength = words * 8;
            var strings = new List<byte>();
            var at = sp + (ulong)blockLength + 16;
            var pointers = new List<ulong>();
            foreach (var s in argv.Concat(env).Append(execFn))
            {
                pointers.Add(at + (ulong)strings.Count);
                strings.AddRange(Encoding.UTF8.GetBytes(s));
                strings.Add(0);
            }

            var bytes = new byte[8192];
            var w = 0;
            void Put(ulong v) => BitConverter.TryWriteBytes(bytes.AsSpan(8 * w++), v);
            Put((ulong)argv.Length);
            foreach (var p in pointers.Take(argv.Length))
            {
                Put(p);
            }

            Put(0);
            foreach (var p in pointers.Skip(argv.Length).Take(env.Length))
            {
                Put(p);
            }

            Put(0);
            Put(AT_PAGESZ);
            Put(4096);
            Put(AT_EXECFN);
            Put(pointers[^1]);
            Put(0);
            Put(0);
            strings.CopyTo(bytes, blockLength + 16);
            return new StackImage
            {
                Bytes = bytes,
                Sp = sp,
                BlockLength = blockLength,
                ArgvStart = pointers[0],
                EnvStart = env.Length > 0 ? pointers[argv.Length] : pointers[^1],
                ExecFn = pointers[^1],
            };
        }
    }
}
