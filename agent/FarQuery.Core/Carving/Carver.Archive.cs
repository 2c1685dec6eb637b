// SPDX-License-Identifier: Apache-2.0
using System.Buffers;
using System.Formats.Tar;
using System.Security.Cryptography;

namespace FarQuery.Core.Carving;

/// <summary>The carver thread's work: the tar archive (osquery packs carved files with libarchive's restricted pax
/// format; System.Formats.Tar writes pax too), its size and SHA-256 for the carves table, then the session start and
/// one POST per block (docs/osquery-compat.md §2.6).</summary>
public sealed partial class Carver
{
    /// <summary>Tries of one block before the carve fails (osquery tries once and moves on, leaving a hole).</summary>
    public const int BlockAttempts = 3;

    private async Task RunAsync(Plan plan, CancellationToken cancellation)
    {
        var entry = plan.Entry;
        entry.SetStatus(Pending);
        FileStream archive;
        try
        {
            // The archive may hold secrets: owner-only from the first byte, and deleted when the carve ends however it
            // ends (the task's temporary directory does not outlive the task either).
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.ReadWrite,
                Share = FileShare.None,
                Options = FileOptions.DeleteOnClose,
            };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            archive = new FileStream(Path.Join(Path.GetTempPath(), "farquery_carve_" + entry.CarveGuid + ".tar"), options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Fail(entry, "CREATE PATHS FAILED", e.Message);
            return;
        }

        await using (archive.ConfigureAwait(false))
        {
            if (!Archive(plan, archive, cancellation, out var why))
            {
                Fail(entry, "ARCHIVE FAILED", why);
                return;
            }

            archive.Position = 0;
            var digest = Convert.ToHexStringLower(await SHA256.HashDataAsync(archive, cancellation).ConfigureAwait(false));
            entry.SetArchive(archive.Length, digest);
            try
            {
                await UploadAsync(plan, archive, cancellation).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
            {
                Fail(entry, "DATA POST FAILED", e.Message);
                return;
            }
        }

        entry.SetStatus(Success);
        Interlocked.Increment(ref succeeded);
    }

    /// <summary>Writes each file as a regular-file member named by its path without the leading slash (as tar does),
    /// mode 0644 as osquery sets it. A file that cannot be opened any more is left out; none left is a failure, and so
    /// is an archive over the size limit (a file may have grown since the request).</summary>
    private bool Archive(Plan plan, Stream archive, CancellationToken cancellation, out string why)
    {
        var written = 0;
        long bytes = 0;
        var skipped = new List<string>();
        try
        {
            using var tar = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true);
            foreach (var path in plan.Files)
            {
                cancellation.ThrowIfCancellationRequested();
                using var file = context.Fs.OpenUserFile(path, cancellation, out var refusal);
                if (file is null)
                {
                    skipped.Add($"{path} ({refusal})");
                    continue;
                }

                if (bytes + file.Length > plan.MaxSize)
                {
                    why = string.Create(CultureInfo.InvariantCulture, $"the files grew past --carver_max_size ({plan.MaxSize}) since the request");
                    return false;
                }

                using var data = file.AsStream(file.Length);
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path.TrimStart('/'))
                {
                    DataStream = data,
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                });
                bytes += file.Length;
                written++;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            why = e.Message;
            return false;
        }

        why = written == 0 ? "no file could be read any more: " + string.Join(", ", skipped) : "";
        return written > 0;
    }

    private async Task UploadAsync(Plan plan, FileStream archive, CancellationToken cancellation)
    {
        var entry = plan.Entry;
        var size = archive.Length;
        var count = (size + plan.BlockSize - 1) / plan.BlockSize;
        var session = await uploader!.BeginAsync(plan.StartEndpoint, new CarveBegin(count, plan.BlockSize, size, entry.CarveGuid, entry.RequestId), cancellation).ConfigureAwait(false);
        archive.Position = 0;
        var buffer = ArrayPool<byte>.Shared.Rent((int)plan.BlockSize);
        try
        {
            for (long block = 0; block < count; block++)
            {
                var length = (int)Math.Min(plan.BlockSize, size - (block * plan.BlockSize));
                await archive.ReadExactlyAsync(buffer.AsMemory(0, length), cancellation).ConfigureAwait(false);
                SetProgress($"block {block + 1} of {count}");
                await SendAsync(plan.ContinueEndpoint, session, entry.RequestId, block, buffer.AsMemory(0, length), cancellation).ConfigureAwait(false);
                Interlocked.Increment(ref blocksSent);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task SendAsync(string endpoint, string session, string requestId, long block, ReadOnlyMemory<byte> data, CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await uploader!.SendBlockAsync(endpoint, session, requestId, block, data, cancellation).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (attempt < BlockAttempts && e is not OperationCanceledException)
            {
                // A lost block would leave the server a corrupt archive: try again after a short, growing pause.
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt * attempt), cancellation).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new IOException($"block {block}: {e.Message}", e);
            }
        }
    }
}
