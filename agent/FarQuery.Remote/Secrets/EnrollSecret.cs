// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Remote.Secrets;

/// <summary>The enroll secret, held in memory only. It is never formatted: <see cref="ToString"/> is redacted, and
/// <see cref="Redact"/> scrubs it from any text (an exception message, a server's error) before that text is logged.</summary>
public sealed class EnrollSecret
{
    /// <summary>What replaces the secret in text.</summary>
    public const string Mask = "[redacted]";

    private readonly string value;

    /// <summary>Wraps a secret value (trimmed, as osquery trims <c>--enroll_secret_path</c>).</summary>
    public EnrollSecret(string value) => this.value = value.Trim();

    /// <summary>The empty secret (osquery sends <c>""</c> when no source is configured).</summary>
    public static EnrollSecret Empty { get; } = new("");

    /// <summary>True when there is no secret.</summary>
    public bool IsEmpty => value.Length == 0;

    /// <summary>The value, for the enroll request body only.</summary>
    internal string Reveal() => value;

    /// <summary>Replaces every occurrence of the secret in <paramref name="text"/> by <see cref="Mask"/>.</summary>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        // Short secrets would mask ordinary words; osquery secrets are long random strings, and a 1–3 character secret is
        // itself a misconfiguration that the enroll will reveal anyway.
        return value.Length < 4 ? text : text.Replace(value, Mask, StringComparison.Ordinal);
    }

    /// <inheritdoc/>
    public override string ToString() => Mask;
}
