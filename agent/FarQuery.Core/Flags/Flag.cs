// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Core.Flags;

/// <summary>One declared flag (docs/flags.md): its name as osquery spells it, type, default, description, who may set
/// it, and, for an osquery flag that means nothing in a container, why it has no effect here.</summary>
public sealed class Flag
{
    internal Flag(string name, FlagType type, string defaultValue, string description, FlagScope scope)
    {
        Name = name;
        Type = type;
        Default = defaultValue;
        Description = description;
        Scope = scope;
    }

    /// <summary>The name, without dashes (<c>tls_hostname</c>).</summary>
    public string Name { get; }

    /// <summary>The value type.</summary>
    public FlagType Type { get; }

    /// <summary>The default, as text (booleans as <c>true</c>/<c>false</c>).</summary>
    public string Default { get; }

    /// <summary>What it does.</summary>
    public string Description { get; }

    /// <summary>Whether a config's <c>options</c> may set it.</summary>
    public FlagScope Scope { get; }

    /// <summary>Set for an osquery flag that is accepted (so an existing flagfile works unchanged) but has no effect
    /// here: the reason, noted once on stderr when the flag is given.</summary>
    public string? NoEffect { get; init; }

    /// <summary>Other names osquery accepts for it (<c>config_tls_refresh</c> for <c>config_refresh</c>).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The values a string flag takes (a comma list of them, with <see cref="IsList"/>); empty: any.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>The value is a comma-separated list of <see cref="Choices"/> (<c>logger_plugin=tls,filesystem</c>).</summary>
    public bool IsList { get; init; }

    /// <summary>osquery_flags.type.</summary>
    public string TypeName => Type switch
    {
        FlagType.Bool => "bool",
        FlagType.Int32 => "int32",
        FlagType.UInt32 => "uint32",
        FlagType.UInt64 => "uint64",
        FlagType.Double => "double",
        _ => "string",
    };

    /// <summary>Checks <paramref name="raw"/> against the type and choices; on success <paramref name="value"/> is the
    /// canonical text (booleans as <c>true</c>/<c>false</c>, numbers without sign or padding), else
    /// <paramref name="error"/> says what was expected. A list flag succeeds with the parts it knows and still sets
    /// <paramref name="error"/> to name the parts it dropped.</summary>
    public bool TryNormalize(string raw, out string value, out string error)
    {
        var text = raw.Trim();
        error = "";
        value = text;
        switch (Type)
        {
            case FlagType.Bool:
                if (TryParseBool(text, out var b))
                {
                    value = b ? "true" : "false";
                    return true;
                }

                error = $"'{raw}' is not a boolean (true, false, 1, 0, yes, no)";
                return false;
            case FlagType.Int32 when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) && n is >= int.MinValue and <= int.MaxValue:
            case FlagType.UInt32 when long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out n) && n is >= 0 and <= uint.MaxValue:
            case FlagType.UInt64 when long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out n):
                value = n.ToString(CultureInfo.InvariantCulture);
                return true;
            case FlagType.Int32 or FlagType.UInt32 or FlagType.UInt64:
                error = $"'{raw}' is not a{(Type == FlagType.Int32 ? "n integer" : " non-negative integer")}{(Type == FlagType.UInt32 ? " below 2^32" : "")}";
                return false;
            case FlagType.Double when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d):
                value = d.ToString(CultureInfo.InvariantCulture);
                return true;
            case FlagType.Double:
                error = $"'{raw}' is not a number";
                return false;
        }

        // A string flag keeps its value as given (osquery does not trim or unquote either), checked against its choices.
        value = raw;
        if (Choices.Count == 0 || (raw.Length == 0 && Default.Length == 0))
        {
            return true;
        }

        if (!IsList)
        {
            if (Choices.Contains(raw, StringComparer.Ordinal))
            {
                return true;
            }

            error = $"'{raw}' is not one of {string.Join(", ", Choices)}";
            return false;
        }

        // A list keeps the parts it knows and names the others (--logger_plugin=tls,syslog still logs over TLS).
        var parts = raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var known = parts.Where(p => Choices.Contains(p, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToArray();
        var unknown = parts.Where(p => !Choices.Contains(p, StringComparer.Ordinal)).ToArray();
        if (unknown.Length > 0)
        {
            error = $"{string.Join(", ", unknown.Select(u => "'" + u + "'"))} not available here (known: {string.Join(", ", Choices)})";
        }

        value = string.Join(',', known);
        return known.Length > 0;
    }

    /// <summary>gflags' boolean spellings.</summary>
    public static bool TryParseBool(string text, out bool value)
    {
        switch (text.ToLowerInvariant())
        {
            case "true" or "1" or "yes" or "y" or "t":
                value = true;
                return true;
            case "false" or "0" or "no" or "n" or "f":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => "--" + Name;
}
