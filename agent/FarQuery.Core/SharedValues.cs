// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Core;

/// <summary>Lets the rows an event buffer keeps share equal values: a string or a boxed integer equal to one a recent
/// row holds is replaced by that row's instance. Event rows repeat most of their values (the ids, the time of the
/// second, the pid across a process's fork, exec and exit rows, the working directory, the parent's name), and a
/// buffer holds tens of thousands of rows, so what each row keeps to itself is most of the agent's memory under a busy
/// app (docs/memory.md, "Fixed margin"). Direct-mapped: a value whose slot another took is kept as is, never lost.
/// Not thread-safe: the buffer calls it under its lock.</summary>
internal sealed class SharedValues
{
    // Longer strings (command lines, environments) are rarely equal unless they are already one instance.
    private const int MaxStringLength = 256;
    private const int StringSlots = 512;
    private const int IntegerSlots = 256;

    private readonly string?[] strings = new string?[StringSlots];
    private readonly object?[] integers = new object?[IntegerSlots];

    /// <summary>Replaces each string and boxed <see cref="long"/> of <paramref name="row"/> by an equal instance seen
    /// before, when its slot still holds one; otherwise the value takes the slot.</summary>
    public void Share(object?[] row)
    {
        for (var i = 0; i < row.Length; i++)
        {
            switch (row[i])
            {
                case string s when s.Length <= MaxStringLength:
                {
                    var slot = s.GetHashCode() & (StringSlots - 1);
                    if (strings[slot] is { } known && !ReferenceEquals(known, s) && string.Equals(known, s, StringComparison.Ordinal))
                    {
                        row[i] = known;
                    }
                    else
                    {
                        strings[slot] = s;
                    }

                    break;
                }

                case long v:
                {
                    // Fibonacci hashing: neighbouring pids and seconds land in different slots.
                    var slot = (int)(((ulong)v * 0x9E3779B97F4A7C15UL) >> 56);
                    if (integers[slot] is long known && known == v)
                    {
                        row[i] = integers[slot];
                    }
                    else
                    {
                        integers[slot] = row[i];
                    }

                    break;
                }
            }
        }
    }
}
