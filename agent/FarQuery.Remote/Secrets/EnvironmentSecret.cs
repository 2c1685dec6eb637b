// SPDX-License-Identifier: Apache-2.0
using System.Runtime.InteropServices;

namespace FarQuery.Remote.Secrets;

/// <summary>osquery's <c>--enroll_secret_env</c>, made safe: the variable is read once and then removed from the
/// process, so neither the traced app (spawned with libc's <c>environ</c>) nor <c>process_envs</c> (which reads
/// <c>/proc/&lt;pid&gt;/environ</c>) can show it.</summary>
public static class EnvironmentSecret
{
    /// <summary>Reads <paramref name="name"/> and removes it from the managed environment, from libc's <c>environ</c> array,
    /// and wipes its bytes in place. Call before any other thread reads the environment (at startup, before the app is
    /// spawned): like <c>unsetenv</c>, this is not thread-safe.</summary>
    public static EnrollSecret? Take(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('=', StringComparison.Ordinal))
        {
            return null;
        }

        var value = Environment.GetEnvironmentVariable(name);
        Environment.SetEnvironmentVariable(name, null);
        RemoveNative(name);
        return value is null ? null : new EnrollSecret(value);
    }

    /// <summary>Removes <c>NAME=</c> entries from libc's <c>environ</c> and zeroes their bytes. The original strings live on
    /// the initial stack, in the range the kernel shows as <c>/proc/self/environ</c>, so zeroing them in place is what hides
    /// the value there (unsetenv alone would only drop the pointer).</summary>
    private static void RemoveNative(string name)
    {
        if (!NativeLibrary.TryGetExport(NativeLibrary.GetMainProgramHandle(), "environ", out var environSymbol))
        {
            return;
        }

        var environ = Marshal.ReadIntPtr(environSymbol);
        if (environ == 0)
        {
            return;
        }

        var prefix = Encoding.UTF8.GetBytes(name + "=");
        var read = 0;
        var write = 0;
        while (true)
        {
            var entry = Marshal.ReadIntPtr(environ, read * IntPtr.Size);
            if (entry == 0)
            {
                break;
            }

            read++;
            if (StartsWith(entry, prefix))
            {
                var length = 0;
                while (Marshal.ReadByte(entry, length) != 0)
                {
                    length++;
                }

                for (var i = 0; i < length; i++)
                {
                    Marshal.WriteByte(entry, i, 0);
                }

                continue;
            }

            Marshal.WriteIntPtr(environ, write * IntPtr.Size, entry);
            write++;
        }

        for (var i = write; i < read; i++)
        {
            Marshal.WriteIntPtr(environ, i * IntPtr.Size, 0);
        }
    }

    private static bool StartsWith(nint entry, byte[] prefix)
    {
        for (var i = 0; i < prefix.Length; i++)
        {
            if (Marshal.ReadByte(entry, i) != prefix[i])
            {
                return false;
            }
        }

        return true;
    }
}
