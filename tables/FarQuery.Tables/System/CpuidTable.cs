// SPDX-License-Identifier: Apache-2.0
using System.Runtime.Intrinsics.X86;

namespace FarQuery.Tables;

/// <summary>CPU identification through the cpuid instruction (<see cref="X86Base.CpuId"/>, a JIT/AOT intrinsic, so no
/// native code of ours runs). Inside a VM or a Fargate microVM this is what the hypervisor lets the guest see. The
/// feature names and bits are osquery's, so pack queries compare across agents; a leaf above the CPU's highest
/// supported leaf reads as all zero rather than whatever the CPU returns for out-of-range leaves.</summary>
public sealed partial class CpuidTable(TableContext context) : Table(context)
{
    private static readonly (uint Leaf, (string Name, string Register, int Bit)[] Features)[] Leaves =
    [
        (1,
        [
            ("pae", "edx", 6), ("msr", "edx", 5), ("sep", "edx", 11), ("mtrr", "edx", 12), ("pge", "edx", 13), ("mca", "edx", 14),
            ("pat", "edx", 16), ("clfsh", "edx", 19), ("acpi", "edx", 22), ("mmz", "edx", 23), ("sse", "edx", 25), ("sse2", "edx", 26),
            ("ss", "edx", 27), ("htt", "edx", 28), ("ia64", "edx", 30),
            ("sse3", "ecx", 0), ("vmx", "ecx", 5), ("smx", "ecx", 6), ("ssse3", "ecx", 9), ("sdbg", "ecx", 11), ("pdcm", "ecx", 15),
            ("pcid", "ecx", 17), ("dca", "ecx", 18), ("sse4.1", "ecx", 19), ("sse4.2", "ecx", 20), ("aes", "ecx", 25), ("avx", "ecx", 28),
            ("hypervisor", "ecx", 31),
        ]),
        (7,
        [
            ("sgx", "ebx", 2), ("hle", "ebx", 4), ("avx2", "ebx", 5), ("smep", "ebx", 7), ("bmi2", "ebx", 8), ("erms", "ebx", 9),
            ("invpcid", "ebx", 10), ("rtm", "ebx", 11), ("pqm", "ebx", 12), ("mpx", "ebx", 14), ("pqe", "ebx", 15), ("avx512f", "ebx", 16),
            ("avx512dq", "ebx", 17), ("rdseed", "ebx", 18), ("adx", "ebx", 19), ("smap", "ebx", 20), ("intel_pt", "ebx", 25), ("sha", "ebx", 29),
            ("umip", "ecx", 2), ("pku", "ecx", 3), ("ospke", "ecx", 4), ("gfni", "ecx", 8), ("vaes", "ecx", 9), ("sgx_lc", "ecx", 30),
            ("spec_ctrl", "edx", 26),
        ]),
        (0x80000001, [("svm", "ecx", 2), ("ibs", "ecx", 10), ("skinit", "ecx", 12), ("lwp", "ecx", 15)]),
    ];

    /// <inheritdoc/>
    public override IEnumerable<object?[]> Generate(QueryContext query)
    {
        if (!X86Base.IsSupported)
        {
            yield break;
        }

        var (maxBasic, vendorB, vendorC, vendorD) = CpuId(0);
        if (maxBasic < 1)
        {
            yield break;
        }

        var maxExtended = CpuId(0x80000000).Eax;
        yield return RowFor("vendor", Text([vendorB, vendorD, vendorC]), "ebx,edx,ecx", "0");

        var brand = new List<uint>();
        for (uint leaf = 0x80000002; leaf <= 0x80000004 && leaf <= maxExtended; leaf++)
        {
            var (a, b, c, d) = CpuId(leaf);
            brand.AddRange([a, b, c, d]);
        }

        yield return RowFor("product_name", Text([.. brand]), "eax,ebx,ecx,edx", "0x80000002");

        var leaf1 = CpuId(1);

        // Leaf 0x40000000 is the hypervisor's own and is meaningful only when leaf 1 ECX bit 31 says one is present.
        if ((leaf1.Ecx & (1u << 31)) != 0)
        {
            var (_, b, c, d) = CpuId(0x40000000);
            yield return RowFor("hypervisor_id", $"{b:x8}{c:x8}{d:x8}", "ebx,ecx,edx", "0x40000000");
        }

        // Bits 8-11 of the signature, kept in place as osquery shows them (0x0600 for family 6).
        yield return RowFor("family", (leaf1.Eax & 0xf00).ToString("x4", CultureInfo.InvariantCulture), "eax", "1");

        foreach (var (leaf, features) in Leaves)
        {
            var supported = leaf >= 0x80000000 ? leaf <= maxExtended : leaf <= maxBasic;
            var regs = supported ? CpuId(leaf) : default;
            foreach (var (name, register, bit) in features)
            {
                var value = register switch { "ebx" => regs.Ebx, "ecx" => regs.Ecx, _ => regs.Edx };
                var row = RowFor(name, ((value >> bit) & 1) == 1 ? "1" : "0", register, leaf.ToString(CultureInfo.InvariantCulture));
                row.OutputBit = bit;
                yield return row;
            }
        }
    }

    private static Row RowFor(string feature, string value, string register, string eax)
    {
        var row = NewRow();
        row.Feature = feature;
        row.Value = value;
        row.OutputRegister = register;
        row.OutputBit = 0;
        row.InputEax = eax;
        return row;
    }

    /// <summary>Executes cpuid with ECX (the sub-leaf) zero.</summary>
    private static (uint Eax, uint Ebx, uint Ecx, uint Edx) CpuId(uint leaf)
    {
        var (a, b, c, d) = X86Base.CpuId(unchecked((int)leaf), 0);
        return ((uint)a, (uint)b, (uint)c, (uint)d);
    }

    /// <summary>Registers as the ASCII text they hold, four bytes each, low byte first; NUL padding and the blanks some
    /// CPUs put before the brand are dropped.</summary>
    private static string Text(uint[] registers)
    {
        var bytes = new byte[registers.Length * 4];
        for (var i = 0; i < registers.Length; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 4), registers[i]);
        }

        return Encoding.ASCII.GetString(bytes).TrimEnd('\0').Trim();
    }
}
