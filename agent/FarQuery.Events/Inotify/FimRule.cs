// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Events.Inotify;

/// <summary>One configured pattern of one category, with the watch state the publisher keeps for it.</summary>
internal sealed class FimRule(FimPattern pattern, FimCategory category)
{
    /// <summary>The pattern.</summary>
    public FimPattern Pattern { get; } = pattern;

    /// <summary>Its category.</summary>
    public FimCategory Category { get; } = category;

    /// <summary>Depth of the directory the rule's watches start from: the literal prefix, cut where matching entries
    /// begin (a recursive root needs its own watch; a literal leaf may be a file, so its parent is the base).</summary>
    public int BaseDepth => Math.Min(Pattern.LiteralPrefix, Pattern.Recursive ? Pattern.Parts.Length : Math.Max(0, Pattern.Parts.Length - 1));

    /// <summary>The highest directory watched for this rule: the base, or its nearest existing ancestor while the base
    /// does not exist yet.</summary>
    public WatchNode? Anchor { get; set; }

    /// <summary>Watched directories whose entries can match (zero means the glob matches nothing yet).</summary>
    public int TargetDirs { get; set; }

    /// <summary>The nodes counted in <see cref="TargetDirs"/>, so a rule merged into an already watched directory or a
    /// watch removed twice cannot skew the count.</summary>
    public HashSet<WatchNode> CountedNodes { get; } = new(ReferenceEqualityComparer.Instance);
}
