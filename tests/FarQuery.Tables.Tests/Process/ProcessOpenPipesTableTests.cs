// SPDX-License-Identifier: Apache-2.0
using System.IO.Pipes;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.Process;

/// <summary>The ipc fixture holds /proc/[pid]/fd and fdinfo of a real `sleep | cat` pipeline: sleep (8036) writes pipe
/// 3594906 on fd 1, cat (8038) reads it on fd 0; both also hold pipe 3594900 write-only on fd 251 (an end inherited
/// from their parent), which has no reader among them.</summary>
public sealed class ProcessOpenPipesTableTests
{
    [Fact]
    public void SelectStar_Ipc_RowsMatchSpec()
    {
        TableAssert.SelectStarMatchesSpec("process_open_pipes", context: Fixtures.Context("ipc"));
    }

    [Fact]
    public void Query_Pipeline_WriterAndReaderArePartners()
    {
        var rows = Fixtures.Query("ipc", "select pid, fd, mode, type, partner_pid, partner_fd, partner_mode from process_open_pipes where inode = 3594906 order by pid").Rows;
        Assert.Equal([[8036L, 1L, "w", "anonymous", 8038L, 0L, "r"], [8038L, 0L, "r", "anonymous", 8036L, 1L, "w"]], rows);
    }

    [Fact]
    public void Query_TwoWritersOfOnePipe_NoRows()
    {
        Assert.Empty(Fixtures.Query("ipc", "select * from process_open_pipes where inode = 3594900").Rows);
    }

    [Fact]
    public void Query_LiveAnonymousPipe_BothEndsInThisProcess()
    {
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        var rows = Live($"select fd, mode, partner_fd, partner_mode from process_open_pipes where pid = {Environment.ProcessId} and partner_pid = {Environment.ProcessId} and type = 'anonymous'");
        var write = server.SafePipeHandle.DangerousGetHandle().ToInt64();
        var read = server.ClientSafePipeHandle.DangerousGetHandle().ToInt64();
        Assert.Contains(rows, r => r.SequenceEqual([write, "w", read, "r"]));
        Assert.Contains(rows, r => r.SequenceEqual([read, "r", write, "w"]));
    }

    [Fact]
    public void Query_LiveFifoOpenReadWrite_NamedWithoutPartner()
    {
        var path = Path.Join(Path.GetTempPath(), "fq-fifo-" + Guid.NewGuid().ToString("N"));
        Assert.Equal(0, global::Interop.Libc.mkfifo(path, 0x180));
        try
        {
            // O_RDWR on a FIFO never blocks on Linux (fifo(7)); one descriptor is both ends.
            using var fifo = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1, FileOptions.None);
            var row = Assert.Single(Live($"select mode, type, partner_pid from process_open_pipes where pid = {Environment.ProcessId} and inode = {Inode(path)}"));
            Assert.Equal(["rw", "named", null], row);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static List<object?[]> Live(string sql)
    {
        using var host = TableAssert.Host();
        return host.Query(sql).Rows.ToList();
    }

    private static long Inode(string path)
    {
        Assert.True(global::Interop.Libc.TryStatx(path, followSymlinks: false, out var st, out _));
        return (long)st.stx_ino;
    }
}
