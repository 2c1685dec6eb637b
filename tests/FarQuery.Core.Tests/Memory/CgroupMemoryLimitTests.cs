// SPDX-License-Identifier: Apache-2.0
using System.Text;
using FarQuery.Core.Memory;

namespace FarQuery.Core.Tests.Memory;

public sealed class CgroupMemoryLimitTests
{
    [Theory]
    [InlineData("536870912\n", 536870912L)]
    [InlineData("max\n", null)]
    [InlineData("9223372036854771712\n", null)]
    [InlineData("", null)]
    [InlineData("12abc", null)]
    public void ParseLimit_FileText_ReadsBytesOrNone(string text, long? expected)
    {
        Assert.Equal(expected, CgroupMemoryLimit.ParseLimit(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void GroupPath_MixedV1AndV2_FindsEach()
    {
        var text = "12:cpu,cpuacct:/ecs/a\n4:memory:/ecs/task-1/c\n0::/unified/x\n"u8;
        Assert.Equal("/unified/x", CgroupMemoryLimit.GroupPath(text, null));
        Assert.Equal("/ecs/task-1/c", CgroupMemoryLimit.GroupPath(text, "memory"));
        Assert.Null(CgroupMemoryLimit.GroupPath(text, "pids"));
    }

    [Fact]
    public void Read_V1OnlyHierarchy_ReadsLimitInBytes()
    {
        var dir = Directory.CreateTempSubdirectory("fq-cgroup-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Join(dir, "proc/self"));
            File.WriteAllText(Path.Join(dir, "proc/self/cgroup"), "4:memory:/ecs/task-1/c\n");
            Directory.CreateDirectory(Path.Join(dir, "sys/fs/cgroup/memory"));
            // The container sees its own group at the mount's root (no path below it): the fallback finds it.
            File.WriteAllText(Path.Join(dir, "sys/fs/cgroup/memory/memory.limit_in_bytes"), "268435456\n");
            var limit = CgroupMemoryLimit.Read(new HostFileSystem(dir));
            Assert.Equal(268435456L, limit?.Bytes);
            Assert.Contains("v1", limit?.Source, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Read_NoCgroupFiles_ReturnsNull()
    {
        var dir = Directory.CreateTempSubdirectory("fq-cgroup-").FullName;
        try
        {
            Assert.Null(CgroupMemoryLimit.Read(new HostFileSystem(dir)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
