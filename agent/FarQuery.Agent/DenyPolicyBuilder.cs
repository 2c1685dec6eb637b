// SPDX-License-Identifier: Apache-2.0
using System.Globalization;

namespace FarQuery.Agent;

/// <summary>Compiles the deny playbooks of the <c>response</c> section into the tracer's <see cref="DenyPolicy"/>: a
/// playbook's filter (rule globs, priority range, tags) is matched against each enforceable check's detection
/// (<see cref="DenyPolicy.Catalog"/>), and the checks it takes are turned on (docs/response.md, "deny").</summary>
internal static class DenyPolicyBuilder
{
    /// <summary>The policy, or null when no deny playbook takes any check; a playbook that takes none is named in
    /// <paramref name="errors"/>.</summary>
    public static DenyPolicy? Build(ResponseSettings settings, List<string> errors)
    {
        var enabled = new List<KeyValuePair<DenyCheck, DenyEnforcement>>();
        foreach (var p in settings.Playbooks.Where(p => p.Action == PlaybookAction.Deny))
        {
            var how = new DenyEnforcement(p.Name, p.DryRun, p.AllowProcesses.ToHashSet(StringComparer.Ordinal));
            var taken = DenyPolicy.Catalog.Where(r => p.Filter.Matches(Probe(r))).ToList();
            if (taken.Count == 0)
            {
                errors.Add($"response.playbooks.{p.Name}: deny takes none of the rules it can enforce ({string.Join("; ", DenyPolicy.Catalog.Select(r => r.Rule))})");
            }

            enabled.AddRange(taken.Select(r => KeyValuePair.Create(r.Check, how)));
        }

        return enabled.Count == 0 ? null : new DenyPolicy(enabled);
    }

    /// <summary>The alert a denial raises (action <c>denied</c>; the engine sets it): the check's rule, the process and
    /// what it tried.</summary>
    public static Alert ToAlert(Denial d, string hostIdentifier, IReadOnlyDictionary<string, string?> decorations)
    {
        var rule = d.Decision.Rule;
        var columns = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["pid"] = d.Pid.ToString(CultureInfo.InvariantCulture),
            ["tid"] = d.Tid.ToString(CultureInfo.InvariantCulture),
            ["name"] = d.Name,
            ["path"] = d.Path,
            ["cmdline"] = d.Cmdline,
            ["parent"] = d.Parent.ToString(CultureInfo.InvariantCulture),
            ["syscall"] = d.Syscall,
            ["target"] = d.Decision.Detail,
            ["playbook"] = d.Decision.Enforcement.Playbook,
            ["time"] = d.Time.ToString(CultureInfo.InvariantCulture),
        };
        if (d.Decision.Rule.Check is DenyCheck.WriteBelowEtc or DenyCheck.WriteBelowBinaryDir)
        {
            columns["file_path"] = d.Decision.Detail;
        }

        return new Alert(rule.Rule, rule.Priority, rule.Tags, "deny:" + d.Decision.Enforcement.Playbook, d.Time, hostIdentifier, columns, decorations);
    }

    private static Alert Probe(DenyRule r) =>
        new(r.Rule, r.Priority, r.Tags, "", 0, "", new Dictionary<string, string?>(), new Dictionary<string, string?>());
}
