// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Scheduler.Config;

/// <summary>Reads osquery's JSON configuration (docs/osquery-compat.md §3): whole-line <c>#</c>/<c>//</c> comments and
/// backslash line continuations are accepted, <c>schedule</c> becomes the pack <c>main</c>, packs come inline, by file
/// path or by a <c>"*"</c> glob, and Falco rule files named by <c>falco_rules</c> become the pack <c>falco</c>
/// (<see cref="FalcoRulesConfig"/>). Syntax errors are rejected with the file, line and reason; a query that cannot run is
/// skipped with a warning, as osquery does.</summary>
public static class ConfigParser
{
    /// <summary>osquery's longest interval (kMaxQueryInterval, one week).</summary>
    public const long MaxInterval = 604_800;

    private static readonly JsonDocumentOptions JsonOptions = new() { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };

    /// <summary>Drops comment lines and joins continued lines, keeping every other line on its original number.</summary>
    public static string Preprocess(string text)
    {
        // Most configs (the embedded default among them) have no '#' line and no continuation, and JSON's own comment
        // handling skips whole-line "//" comments: such a text is read as it is, without copying it line by line, work
        // that ran beside the app's start (docs/tracer.md, "The start path").
        // A '#' comment or a line ending other than "\n" (each becomes one, and the non-ASCII ones are left to the full
        // pass) needs the rewrite; these searches are vectorized.
        var span = text.AsSpan();
        if (Ascii.IsValid(span) && span.IndexOfAny('#', '\r', '\f') < 0 && !HasContinuation(text))
        {
            return text;
        }

        return Rewrite(text);
    }

    /// <summary>The full pass of <see cref="Preprocess"/>: every line end <see cref="string.ReplaceLineEndings()"/>
    /// knows becomes "\n", a <c>#</c> or <c>//</c> line outside a continued line becomes empty, and continued lines are
    /// joined, followed by one empty line per continuation so the next lines keep their numbers.</summary>
    private static string Rewrite(string text)
    {
        // One pass over the text's lines as spans into one builder: splitting a copy with every line end replaced into
        // one string per line was a megainstruction for the embedded detection pack, whose few non-ASCII characters
        // keep it from the text-as-it-is path, and it ran beside the app's start (docs/tracer.md, "The agent's start
        // beside the app, sixth pass"). The output never exceeds the text by more than the last line's "\n".
        var sb = new StringBuilder(text.Length + 1);
        var rest = text.AsSpan();

        // What the continued lines of the current group have added (without their backslashes), and how many there are.
        var joined = 0;
        var held = 0;
        while (true)
        {
            var end = rest.IndexOfAny('\n', '\r', '\f');
            var line = end < 0 ? rest : rest[..end];

            // NEL, LS and PS end lines too; only a line with non-ASCII characters is searched for them (both searches
            // are vectorized; one for all six line ends is not, in the NativeAOT build).
            if (!Ascii.IsValid(line) && line.IndexOfAny('\u0085', '\u2028', '\u2029') is var other and >= 0)
            {
                end = other;
                line = rest[..end];
            }

            var trimmed = line.TrimStart();
            if (joined == 0 && (trimmed.StartsWith('#') || trimmed.StartsWith("//", StringComparison.Ordinal)))
            {
                sb.Append('\n');
            }
            else if (line.EndsWith('\\'))
            {
                sb.Append(line[..^1]);
                joined += line.Length - 1;
                held++;
            }
            else
            {
                sb.Append(line).Append('\n').Append('\n', held);
                joined = 0;
                held = 0;
            }

            if (end < 0)
            {
                return sb.ToString();
            }

            var width = rest[end] == '\r' && end + 1 < rest.Length && rest[end + 1] == '\n' ? 2 : 1;
            rest = rest[(end + width)..];
        }
    }

    private static bool HasContinuation(string text)
    {
        for (var at = text.IndexOf('\\', StringComparison.Ordinal); at >= 0; at = text.IndexOf('\\', at + 1))
        {
            if (at + 1 == text.Length || text[at + 1] == '\n')
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Loads a config file, its <c>&lt;path&gt;.d/</c> directory (lexical order) and the packs it names;
    /// <paramref name="flags"/> are the flags set above the config (command line, flagfile), which win over its
    /// <c>options</c>.</summary>
    public static OsqueryConfig LoadFile(string path, ConfigFiles? files = null, FlagValues? flags = null)
    {
        string text;
        try
        {
            text = BoundedFile.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(path, 0, "cannot read the config: " + e.Message);
        }

        var config = Parse(text, path, Path.GetDirectoryName(Path.GetFullPath(path)), files, flags);
        var dropIn = path + ".d";
        if (Directory.Exists(dropIn))
        {
            foreach (var file in Directory.GetFiles(dropIn).Order(StringComparer.Ordinal))
            {
                config = Merge(config, Parse(ReadDropIn(file), file, dropIn, files, flags));
            }
        }

        return config;
    }

    private static string ReadDropIn(string file)
    {
        try
        {
            return BoundedFile.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(file, 0, "cannot read the config drop-in: " + e.Message);
        }
    }

    /// <summary>Parses one config text. <paramref name="baseDirectory"/> resolves relative pack paths (null: packs named by
    /// path are reported as warnings). <paramref name="flags"/> are the flags set above the config (command line,
    /// flagfile): the config's <c>options</c> fill the layer below them (docs/flags.md).</summary>
    public static OsqueryConfig Parse(string text, string source, string? baseDirectory, ConfigFiles? files = null, FlagValues? flags = null)
    {
        files ??= ConfigFiles.Disk;
        if (text.Length > BoundedFile.ConfigMaxBytes)
        {
            throw new ConfigException(source, 0, "the config is larger than 16 MiB");
        }

        var clean = Preprocess(text);
        using var doc = ParseJson(clean, source);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ConfigException(source, 1, "the config must be a JSON object");
        }

        var warnings = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty("options", out var opts))
        {
            Expect(opts, JsonValueKind.Object, "options", clean, source);
            foreach (var p in opts.EnumerateObject())
            {
                options[p.Name] = Stringify(p.Value);
            }
        }

        var effective = (flags ?? FlagValues.Defaults).WithConfig(options, warnings);
        var delimiter = effective.Get(FlagCatalog.PackDelimiter);
        var defaultInterval = effective.Int(FlagCatalog.ScheduleDefaultInterval);
        var packs = new List<PackDefinition>();
        if (root.TryGetProperty("schedule", out var schedule))
        {
            Expect(schedule, JsonValueKind.Object, "schedule", clean, source);
            packs.Add(ReadPack("main", schedule, source, delimiter, defaultInterval, warnings, isMain: true));
        }

        if (root.TryGetProperty("packs", out var packsElement))
        {
            Expect(packsElement, JsonValueKind.Object, "packs", clean, source);
            foreach (var p in packsElement.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Object)
                {
                    packs.Add(ReadPack(p.Name, p.Value, source, delimiter, defaultInterval, warnings, isMain: false));
                }
                else if (p.Value.ValueKind == JsonValueKind.String)
                {
                    packs.AddRange(LoadPackFiles(files, p.Name, p.Value.GetString()!, source, baseDirectory, delimiter, defaultInterval, warnings));
                }
                else
                {
                    throw new ConfigException(source, LineOf(clean, p.Name), $"pack '{p.Name}' must be an object or a file path");
                }
            }
        }

        if (root.TryGetProperty(FalcoRulesConfig.Key, out var falco) && FalcoRulesConfig.Read(falco, source, baseDirectory, delimiter, warnings) is { } falcoPack)
        {
            packs.Add(falcoPack);
        }

        return new OsqueryConfig
        {
            Options = options,
            Flags = effective,
            Packs = packs,
            Decorators = ReadDecorators(root, clean, source, warnings),
            FilePaths = ReadCategories(root, "file_paths", clean, source),
            ExcludePaths = ReadCategories(root, "exclude_paths", clean, source),
            FileAccesses = root.TryGetProperty("file_accesses", out var fa) ? Strings(fa) : [],
            Warnings = warnings,
            Sections = ReadSections(root),
            Hash = Convert.ToHexStringLower(BlockHash.HashData<Sha1Hash>(Encoding.UTF8.GetBytes(text))),
        };
    }

    /// <summary>Top-level sections other parts of the agent read themselves (<c>response</c>, <c>yara</c>, osquery's
    /// <c>prometheus_targets</c>), as raw JSON.</summary>
    public static readonly string[] SectionNames = ["response", "yara", "prometheus_targets"];

    private static Dictionary<string, string> ReadSections(JsonElement root)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in SectionNames)
        {
            if (root.TryGetProperty(name, out var section))
            {
                sections[name] = section.GetRawText();
            }
        }

        return sections;
    }

    /// <summary>Merges a later source over an earlier one: options override, packs with the same name are replaced,
    /// the <c>main</c> schedule and the FIM categories are combined.</summary>
    public static OsqueryConfig Merge(OsqueryConfig first, OsqueryConfig later)
    {
        var options = new Dictionary<string, string>(first.Options, StringComparer.Ordinal);
        foreach (var (k, v) in later.Options)
        {
            options[k] = v;
        }

        var packs = first.Packs.ToList();
        foreach (var p in later.Packs)
        {
            var i = packs.FindIndex(x => x.Name == p.Name);
            if (i < 0)
            {
                packs.Add(p);
            }
            else if (p.Name == "main")
            {
                packs[i] = packs[i] with { Queries = [.. packs[i].Queries.Where(q => p.Queries.All(n => n.Name != q.Name)), .. p.Queries] };
            }
            else
            {
                packs[i] = p;
            }
        }

        return new OsqueryConfig
        {
            Options = options,

            // Each part already warned about its own options; the merged layer only needs the values.
            Flags = first.Flags.WithConfig(options, new List<string>()),
            Packs = packs,
            Decorators = new DecoratorDefinition
            {
                Load = [.. first.Decorators.Load, .. later.Decorators.Load],
                Always = [.. first.Decorators.Always, .. later.Decorators.Always],
                Interval = first.Decorators.Interval.Concat(later.Decorators.Interval)
                    .GroupBy(kv => kv.Key)
                    .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.SelectMany(kv => kv.Value)]),
            },
            FilePaths = MergeCategories(first.FilePaths, later.FilePaths),
            ExcludePaths = MergeCategories(first.ExcludePaths, later.ExcludePaths),
            FileAccesses = [.. first.FileAccesses.Union(later.FileAccesses)],
            Warnings = [.. first.Warnings, .. later.Warnings],
            Sections = first.Sections.Concat(later.Sections).GroupBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal),
            Hash = Convert.ToHexStringLower(BlockHash.HashData<Sha1Hash>(Encoding.UTF8.GetBytes(first.Hash + later.Hash))),
        };
    }

    private static Dictionary<string, IReadOnlyList<string>> MergeCategories(IReadOnlyDictionary<string, IReadOnlyList<string>> a, IReadOnlyDictionary<string, IReadOnlyList<string>> b)
    {
        var result = a.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        foreach (var (k, v) in b)
        {
            result[k] = result.TryGetValue(k, out var old) ? [.. old.Union(v)] : v;
        }

        return result;
    }

    private static JsonDocument ParseJson(string text, string source)
    {
        try
        {
            return JsonDocument.Parse(text, JsonOptions);
        }
        catch (JsonException e)
        {
            var reason = e.Message;
            var cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
            if (cut < 0)
            {
                cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
            }

            throw new ConfigException(source, (int)(e.LineNumber ?? -1) + 1, (cut > 0 ? reason[..cut] : reason).TrimEnd('.', ' ', '|'));
        }
    }

    private static void Expect(JsonElement e, JsonValueKind kind, string key, string text, string source)
    {
        if (e.ValueKind != kind)
        {
            throw new ConfigException(source, LineOf(text, key), $"'{key}' must be a JSON {kind.ToString().ToLowerInvariant()}, not {e.ValueKind.ToString().ToLowerInvariant()}");
        }
    }

    /// <summary>The 1-based line where a key first appears, for errors about values (JsonElement keeps no positions).</summary>
    private static int LineOf(string text, string key)
    {
        var i = text.IndexOf("\"" + key + "\"", StringComparison.Ordinal);
        return i < 0 ? 0 : text.AsSpan(0, i).Count('\n') + 1;
    }

    private static string Stringify(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "",
        _ => v.GetRawText(),
    };

    private static PackDefinition ReadPack(string name, JsonElement pack, string source, string delimiter, long defaultInterval, List<string> warnings, bool isMain)
    {
        var queries = new List<QueryDefinition>();
        var queryObjects = isMain ? pack : pack.TryGetProperty("queries", out var q) && q.ValueKind == JsonValueKind.Object ? q : default;
        if (queryObjects.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in queryObjects.EnumerateObject())
            {
                if (ReadQuery(name, p.Name, p.Value, delimiter, defaultInterval, isMain, warnings) is { } query)
                {
                    if (queries.Any(x => x.Name == query.Name))
                    {
                        warnings.Add($"{source}: pack {name}: duplicate query name '{query.Name}' skipped");
                        continue;
                    }

                    queries.Add(query);
                }
            }
        }

        return new PackDefinition
        {
            Name = name,
            Source = source,
            Platform = isMain ? "" : Text(pack, "platform"),
            Version = isMain ? "" : Text(pack, "version"),
            Shard = isMain ? 0 : Integer(pack, "shard") ?? 0,
            Discovery = !isMain && pack.TryGetProperty("discovery", out var disc) ? Strings(disc) : [],
            Queries = queries,
        };
    }

    private static QueryDefinition? ReadQuery(string pack, string name, JsonElement q, string delimiter, long defaultInterval, bool isMain, List<string> warnings)
    {
        var where = $"pack {pack}, query {name}";
        if (q.ValueKind != JsonValueKind.Object || !q.TryGetProperty("query", out var sql) || sql.ValueKind != JsonValueKind.String)
        {
            warnings.Add($"{where}: no 'query' string, skipped");
            return null;
        }

        if (name.StartsWith("query.", StringComparison.Ordinal) || name.StartsWith("cache.", StringComparison.Ordinal) || name.StartsWith("config_views.", StringComparison.Ordinal)
            || name.EndsWith("epoch", StringComparison.Ordinal) || name.EndsWith("counter", StringComparison.Ordinal))
        {
            warnings.Add($"{where}: the name is reserved by osquery, skipped");
            return null;
        }

        var interval = q.TryGetProperty("interval", out _) ? Integer(q, "interval") : defaultInterval;
        if (interval is null or < 1 or > MaxInterval)
        {
            warnings.Add($"{where}: interval must be a number from 1 to {MaxInterval}, skipped");
            return null;
        }

        return new QueryDefinition
        {
            Name = name,
            Pack = pack,
            ScheduledName = isMain ? name : "pack" + delimiter + pack + delimiter + name,
            Sql = sql.GetString()!,
            Interval = interval.Value,
            Snapshot = Bool(q, "snapshot") ?? false,
            Removed = Bool(q, "removed") ?? true,
            Denylist = Bool(q, "denylist") ?? true,
            Platform = Text(q, "platform"),
            Version = Text(q, "version"),
            Shard = Integer(q, "shard") ?? 0,
            Description = Text(q, "description"),
            Value = Text(q, "value"),
        };
    }

    private static IEnumerable<PackDefinition> LoadPackFiles(ConfigFiles fileSource, string name, string resource, string source, string? baseDirectory, string delimiter, long defaultInterval, List<string> warnings)
    {
        if (baseDirectory is null)
        {
            warnings.Add($"{source}: pack {name} names a file ({resource}) but the config has no directory to resolve it; skipped");
            yield break;
        }

        var path = Path.IsPathRooted(resource) ? resource : Path.GetFullPath(Path.Join(baseDirectory, resource));
        IEnumerable<(string Name, string File)> files;
        if (name == "*")
        {
            // "*": every file matching the glob is a pack named after its file name without extension.
            var dir = Path.GetDirectoryName(path)!;
            var pattern = Path.GetFileName(path);
            files = fileSource.List(dir, pattern.Length == 0 ? "*" : pattern).Select(f => (Path.GetFileNameWithoutExtension(f), f));
        }
        else
        {
            files = [(name, path)];
        }

        foreach (var (packName, file) in files)
        {
            string text;
            try
            {
                text = fileSource.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new ConfigException(source, 0, $"pack {packName}: cannot read {file}: {e.Message}");
            }

            var clean = Preprocess(text);
            using var doc = ParseJson(clean, file);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ConfigException(file, 1, "a pack must be a JSON object");
            }

            yield return ReadPack(packName, doc.RootElement, file, delimiter, defaultInterval, warnings, isMain: false);
        }
    }

    private static DecoratorDefinition ReadDecorators(JsonElement root, string text, string source, List<string> warnings)
    {
        if (!root.TryGetProperty("decorators", out var dec))
        {
            return new DecoratorDefinition();
        }

        Expect(dec, JsonValueKind.Object, "decorators", text, source);
        var interval = new Dictionary<long, IReadOnlyList<string>>();
        if (dec.TryGetProperty("interval", out var iv) && iv.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in iv.EnumerateObject())
            {
                if (!long.TryParse(p.Name, CultureInfo.InvariantCulture, out var seconds) || seconds <= 0 || seconds % 60 != 0)
                {
                    warnings.Add($"{source}: decorator interval '{p.Name}' must be a multiple of 60 seconds; not run");
                    continue;
                }

                interval[seconds] = Strings(p.Value);
            }
        }

        return new DecoratorDefinition
        {
            Load = dec.TryGetProperty("load", out var load) ? Strings(load) : [],
            Always = dec.TryGetProperty("always", out var always) ? Strings(always) : [],
            Interval = interval,
        };
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadCategories(JsonElement root, string key, string text, string source)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (!root.TryGetProperty(key, out var e))
        {
            return result;
        }

        Expect(e, JsonValueKind.Object, key, text, source);
        foreach (var p in e.EnumerateObject())
        {
            result[p.Name] = p.Value.ValueKind == JsonValueKind.String ? [p.Value.GetString()!] : Strings(p.Value);
        }

        return result;
    }

    /// <summary>The strings of a JSON array (other elements are left out); none for anything else.</summary>
    private static List<string> Strings(JsonElement e)
    {
        // A loop rather than a query over the elements: the first generic query over JsonElement cost the NativeAOT build
        // a lookup of its method at run time, beside the app's start (docs/tracer.md, "The agent's start beside the app,
        // sixth pass").
        var strings = new List<string>();
        if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var x in e.EnumerateArray())
            {
                if (x.ValueKind == JsonValueKind.String)
                {
                    strings.Add(x.GetString()!);
                }
            }
        }

        return strings;
    }

    private static string Text(JsonElement e, string key) =>
        e.TryGetProperty(key, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString()! : Stringify(v) : "";

    private static long? Integer(JsonElement e, string key)
    {
        if (!e.TryGetProperty(key, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetInt64(out var n) => n,
            JsonValueKind.Number when v.TryGetDouble(out var f) => (long)f,
            JsonValueKind.String when long.TryParse(v.GetString(), CultureInfo.InvariantCulture, out var s) => s,
            _ => null,
        };
    }

    private static bool? Bool(JsonElement e, string key)
    {
        if (!e.TryGetProperty(key, out var v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String => v.GetString() is "true" or "1" or "True",
            JsonValueKind.Number => v.TryGetInt64(out var n) && n != 0,
            _ => null,
        };
    }
}
