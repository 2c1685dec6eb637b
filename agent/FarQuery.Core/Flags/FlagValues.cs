// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Core.Flags;

/// <summary>The flag values in force: one layer per <see cref="FlagSource"/>, a higher source winning over a lower one
/// (command line over flagfile over the config's options over the environment over the default). Immutable: a new
/// config gives a new instance, so a reader holding one never sees it change under it. Every value in a layer has
/// passed <see cref="Flag.TryNormalize"/>, so the typed readers cannot fail.</summary>
public sealed class FlagValues
{
    private static readonly IReadOnlyDictionary<Flag, string> Empty = new Dictionary<Flag, string>();

    // Indexed by FlagSource; the Default layer stays empty (Flag.Default is the default).
    private readonly IReadOnlyDictionary<Flag, string>[] layers;

    private FlagValues(IReadOnlyDictionary<Flag, string>[] layers) => this.layers = layers;

    /// <summary>Every flag at its default.</summary>
    public static FlagValues Defaults { get; } = new([Empty, Empty, Empty, Empty, Empty]);

    /// <summary>The value in force, as text.</summary>
    public string Get(Flag flag)
    {
        for (var i = layers.Length - 1; i > 0; i--)
        {
            if (layers[i].TryGetValue(flag, out var value))
            {
                return value;
            }
        }

        return flag.Default;
    }

    /// <summary>Which source the value in force came from.</summary>
    public FlagSource SourceOf(Flag flag)
    {
        for (var i = layers.Length - 1; i > 0; i--)
        {
            if (layers[i].ContainsKey(flag))
            {
                return (FlagSource)i;
            }
        }

        return FlagSource.Default;
    }

    /// <summary>Whether anything but the default set it.</summary>
    public bool IsSet(Flag flag) => SourceOf(flag) != FlagSource.Default;

    /// <summary>A boolean flag's value.</summary>
    public bool Bool(Flag flag) => Get(flag) == "true";

    /// <summary>A numeric flag's value (0 if it somehow is not a number).</summary>
    public long Int(Flag flag) => long.TryParse(Get(flag), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary>A string flag's value, or null when it is empty.</summary>
    public string? Text(Flag flag) => Get(flag) is { Length: > 0 } text ? text : null;

    /// <summary>A numeric flag as seconds.</summary>
    public TimeSpan Seconds(Flag flag) => TimeSpan.FromSeconds(Int(flag));

    /// <summary>The flags set by any source but the default.</summary>
    public IEnumerable<Flag> Given => FlagCatalog.All.Where(IsSet);

    /// <summary>A copy with the layer of <paramref name="source"/> replaced by <paramref name="values"/> (already
    /// normalized).</summary>
    public FlagValues With(FlagSource source, IReadOnlyDictionary<Flag, string> values)
    {
        if (source == FlagSource.Default)
        {
            throw new ArgumentException("the default layer is the declarations", nameof(source));
        }

        var copy = (IReadOnlyDictionary<Flag, string>[])layers.Clone();
        copy[(int)source] = values;
        return new FlagValues(copy);
    }

    /// <summary>A copy whose config layer holds a config's <c>options</c>: names osquery's way (aliases too), values as
    /// the config parser stringified them. An option that is not a flag (except osquery's <c>custom_</c> ones, which are
    /// the config's own), a flag only the command line may set, or a bad value is left out and named in
    /// <paramref name="warnings"/>; the others still apply.</summary>
    public FlagValues WithConfig(IReadOnlyDictionary<string, string> options, ICollection<string> warnings)
    {
        var values = new Dictionary<Flag, string>();
        foreach (var (name, raw) in options)
        {
            if (FlagCatalog.Find(name) is not { } flag)
            {
                if (!name.StartsWith("custom_", StringComparison.Ordinal))
                {
                    warnings.Add($"config option '{name}' is not a flag FarQuery knows; ignored (farquery run --help lists them)");
                }

                continue;
            }

            if (flag.Scope == FlagScope.Startup)
            {
                warnings.Add($"config option '{name}' can only be set on the command line or in the flagfile; ignored");
                continue;
            }

            if (!flag.TryNormalize(raw, out var value, out var error))
            {
                warnings.Add($"config option '{name}': {error}; keeping {Get(flag)}");
                continue;
            }

            if (error.Length > 0)
            {
                warnings.Add($"config option '{name}': {error}");
            }

            values[flag] = value;
        }

        return With(FlagSource.Config, values);
    }
}
