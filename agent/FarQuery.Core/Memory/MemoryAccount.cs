// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Core.Memory;

/// <summary>One share of the <see cref="MemoryBudget"/>: bytes charged by one kind of holder (query results in flight,
/// event buffers, log buffers), a hard limit, and how often a charge was refused. Charges are estimates of what the
/// holder keeps (see <see cref="MemoryBudget.SizeOf(object?)"/>), taken before the memory is kept, so the limit holds
/// while the memory is being spent, not after.</summary>
public sealed class MemoryAccount
{
    private readonly Func<long> limit;
    private long used;
    private long peak;
    private long refused;

    /// <summary>Creates an account whose limit is read at every charge (the budget can be resized at run time).</summary>
    public MemoryAccount(string name, Func<long> limit)
    {
        Name = name;
        this.limit = limit;
    }

    /// <summary>The share's name, as <c>farquery status</c> shows it.</summary>
    public string Name { get; }

    /// <summary>The most bytes this share may hold.</summary>
    public long Limit => limit();

    /// <summary>Bytes held now.</summary>
    public long Used => Interlocked.Read(ref used);

    /// <summary>The most bytes held at once since start.</summary>
    public long Peak => Interlocked.Read(ref peak);

    /// <summary>Charges refused because they would have passed <see cref="Limit"/>.</summary>
    public long Refused => Interlocked.Read(ref refused);

    /// <summary>Charges <paramref name="bytes"/>; false (and counted) when that would pass the limit, and then nothing
    /// is charged.</summary>
    public bool TryCharge(long bytes)
    {
        var max = Limit;
        while (true)
        {
            var now = Interlocked.Read(ref used);
            var next = now + bytes;
            if (next > max)
            {
                Interlocked.Increment(ref refused);
                return false;
            }

            if (Interlocked.CompareExchange(ref used, next, now) == now)
            {
                UpdatePeak(next);
                return true;
            }
        }
    }

    /// <summary>Returns bytes charged earlier.</summary>
    public void Release(long bytes)
    {
        if (bytes > 0)
        {
            Interlocked.Add(ref used, -bytes);
        }
    }

    private void UpdatePeak(long value)
    {
        var seen = Interlocked.Read(ref peak);
        while (value > seen)
        {
            var before = Interlocked.CompareExchange(ref peak, value, seen);
            if (before == seen)
            {
                return;
            }

            seen = before;
        }
    }
}
