// SPDX-License-Identifier: Apache-2.0
using System.Runtime.InteropServices;
using FarQuery.Tables.Tests.Support;

namespace FarQuery.Tables.Tests.SystemTables;

public sealed class CpuidTableTests
{
    [Fact]
    public void SelectStar_LiveCpu_AgreesWithProcCpuinfo()
    {
        var rows = TableAssert.SelectStarMatchesSpec("cpuid").Rows();
        if (RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            Assert.Empty(rows);
            return;
        }

        var byFeature = rows.ToDictionary(r => (string)r["feature"]!);
        var cpuinfo = File.ReadAllLines("/proc/cpuinfo");
        string Field(string name) => cpuinfo.First(l => l.StartsWith(name, StringComparison.Ordinal)).Split(':', 2)[1].Trim();
        var flags = Field("flags").Split(' ').ToHashSet();

        Assert.Equal(Field("vendor_id"), byFeature["vendor"]["value"]);
        // The brand string comes from CPUID leaves 0x80000002-4; a hypervisor may give the kernel's "model name" another
        // text (seen: "Oxide Virtual Turin-like Processor" against "AMD EPYC"), so only its form is checked here.
        var brand = (string)byFeature["product_name"]["value"]!;
        Assert.True(brand.Length > 0 && brand == brand.Trim() && brand.All(c => c >= ' ' && c < 127), $"brand string '{brand}'");

        // SSE2 is part of the x86_64 baseline.
        Assert.Equal(("1", "edx", 26L, "1"), ((string)byFeature["sse2"]["value"]!, (string)byFeature["sse2"]["output_register"]!, (long)byFeature["sse2"]["output_bit"]!, (string)byFeature["sse2"]["input_eax"]!));

        // The kernel shows a flag only when cpuid reports it (it may hide some, never invent these).
        foreach (var (flag, feature) in new[] { ("sse", "sse"), ("ssse3", "ssse3"), ("sse4_1", "sse4.1"), ("sse4_2", "sse4.2"), ("aes", "aes"), ("avx", "avx"), ("avx2", "avx2"), ("hypervisor", "hypervisor"), ("pae", "pae") })
        {
            if (flags.Contains(flag))
            {
                Assert.True((string)byFeature[feature]["value"]! == "1", $"/proc/cpuinfo has {flag} but cpuid says {feature} = 0");
            }
        }

        Assert.Equal(flags.Contains("hypervisor"), byFeature.ContainsKey("hypervisor_id"));
        var family = int.Parse(Field("cpu family"), global::System.Globalization.CultureInfo.InvariantCulture);

        // The base family field is 4 bits; families above 15 (AMD Zen: 0x17, 0x19) add the extended field, which osquery's row leaves out.
        Assert.Equal((Math.Min(family, 15) << 8).ToString("x4", global::System.Globalization.CultureInfo.InvariantCulture), byFeature["family"]["value"]);
    }
}
