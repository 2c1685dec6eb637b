// SPDX-License-Identifier: Apache-2.0

namespace FarQuery.Remote;

/// <summary>Makes text that may come from the backend (error bodies, TLS alerts, exception messages quoting them)
/// safe for the agent's stderr: control characters are escaped (a backend must not move the cursor, clear the
/// terminal or forge log lines with newlines) and the text is cut at <see cref="MaxLength"/> characters.</summary>
public static class BackendText
{
    /// <summary>Longest text kept, in characters; the rest is replaced by a count.</summary>
    public const int MaxLength = 512;

    /// <summary>The cleaned text.</summary>
    public static string Clean(string text)
    {
        var sb = new StringBuilder(Math.Min(text.Length, MaxLength) + 16);
        var i = 0;
        for (; i < text.Length && sb.Length < MaxLength; i++)
        {
            var c = text[i];
            if (char.IsControl(c))
            {
                // C0, DEL and C1 (ESC and CSI start terminal sequences; CR and LF start forged lines).
                sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        if (i < text.Length)
        {
            sb.Append("... (").Append((text.Length - i).ToString(CultureInfo.InvariantCulture)).Append(" more characters)");
        }

        return sb.ToString();
    }
}
