// SPDX-License-Identifier: Apache-2.0

internal static partial class Interop
{
    internal static unsafe partial class Yara
    {
        /// <summary>What one scan found: the matching rules, their tags and their strings' matches, in osquery's text forms
        /// (comma-separated; strings as <c>identifier:offset</c>).</summary>
        /// <param name="Matches">Rule names.</param>
        /// <param name="Tags">Distinct tags of the matching rules.</param>
        /// <param name="Strings">Each match of each string of the matching rules.</param>
        internal sealed record Scan(IReadOnlyList<string> Matches, IReadOnlyList<string> Tags, IReadOnlyList<string> Strings)
        {
            /// <summary>The matches column.</summary>
            public string MatchesText => string.Join(',', Matches);

            /// <summary>The tags column.</summary>
            public string TagsText => string.Join(',', Tags);

            /// <summary>The strings column.</summary>
            public string StringsText => string.Join(',', Strings);
        }

        /// <summary>A compiled libyara rule set (thread safe for scans). Rule text is compiled with yr_compiler_add_string
        /// (FarQuery reads rule files itself); scans use yr_rules_scan_file and a match callback that copies what it needs
        /// before returning. No exception crosses into libyara: both callbacks catch everything (docs/conventions.md §12).</summary>
        internal sealed class RuleSet : IDisposable
        {
            /// <summary>Seconds libyara may spend on one file before it gives up.</summary>
            internal const int ScanTimeoutSeconds = 60;

            private nint rules;

            private RuleSet(nint rules) => this.rules = rules;

            /// <summary>Compiles rule sources (text, and the name errors cite); throws with libyara's errors when any fails to
            /// compile. The caller has loaded libyara.</summary>
            public static RuleSet Compile(IEnumerable<(string Text, string Source)> sources)
            {
                nint compiler;
                if (yr_compiler_create(&compiler) != ERROR_SUCCESS)
                {
                    throw new InvalidOperationException("yara: yr_compiler_create failed");
                }

                var errors = new List<string>();
                var handle = GCHandle.Alloc(errors);
                try
                {
                    yr_compiler_set_callback(compiler, &OnCompilerMessage, (void*)GCHandle.ToIntPtr(handle));
                    foreach (var (text, source) in sources)
                    {
                        var before = errors.Count;
                        var textZ = CString.Utf8Z(text);
                        fixed (byte* t = textZ)
                        {
                            // After a failed add the compiler refuses further rules, so stop at the first failing source.
                            if (yr_compiler_add_string(compiler, t, null) > 0)
                            {
                                for (var i = before; i < errors.Count; i++)
                                {
                                    errors[i] = source + ": " + errors[i];
                                }

                                throw new InvalidOperationException("yara: cannot compile the rules: " + string.Join("; ", errors));
                            }
                        }
                    }

                    nint compiled;
                    if (yr_compiler_get_rules(compiler, &compiled) != ERROR_SUCCESS)
                    {
                        throw new InvalidOperationException("yara: yr_compiler_get_rules failed");
                    }

                    return new RuleSet(compiled);
                }
                finally
                {
                    yr_compiler_destroy(compiler);
                    handle.Free();
                }
            }

            /// <summary>Scans a host file (already checked to be a regular file of an ordinary file system); null with the
            /// reason when libyara could not scan it.</summary>
            public Scan? ScanFile(string realPath, out string error)
            {
                var state = new ScanState();
                var handle = GCHandle.Alloc(state);
                try
                {
                    var pathZ = CString.Utf8Z(realPath);
                    int rc;
                    fixed (byte* p = pathZ)
                    {
                        rc = yr_rules_scan_file(rules, p, 0, &OnScan, (void*)GCHandle.ToIntPtr(handle), ScanTimeoutSeconds);
                    }

                    error = state.Error ?? (rc == ERROR_SUCCESS ? "" : $"yr_rules_scan_file failed with error {rc}");
                    return error.Length == 0 ? new Scan(state.Matches, state.Tags, state.Strings) : null;
                }
                finally
                {
                    handle.Free();
                }
            }

            /// <inheritdoc/>
            public void Dispose()
            {
                if (rules != 0)
                {
                    yr_rules_destroy(rules);
                    rules = 0;
                }
            }

            [UnmanagedCallersOnly]
            private static void OnCompilerMessage(int level, byte* file, int line, YR_RULE* rule, byte* message, void* user)
            {
                try
                {
                    // YARA_ERROR_LEVEL_ERROR is 0; warnings (1) do not stop the compilation.
                    if (level == 0 && GCHandle.FromIntPtr((nint)user).Target is List<string> errors)
                    {
                        errors.Add($"line {line}: {CString.Text(message)}");
                    }
                }
                catch
                {
                    // Nothing may unwind into libyara; a lost message still leaves the add's error count.
                }
            }

            [UnmanagedCallersOnly]
            private static int OnScan(void* context, int message, void* data, void* user)
            {
                try
                {
                    if (message == CALLBACK_MSG_RULE_MATCHING && GCHandle.FromIntPtr((nint)user).Target is ScanState state)
                    {
                        state.Add(context, (YR_RULE*)data);
                    }

                    return CALLBACK_CONTINUE;
                }
                catch (Exception e)
                {
                    if (GCHandle.FromIntPtr((nint)user).Target is ScanState state)
                    {
                        state.Error = "reading a match failed: " + e.Message;
                    }

                    return CALLBACK_ABORT;
                }
            }

            /// <summary>What the match callback collects for one scan.</summary>
            private sealed class ScanState
            {
                public List<string> Matches { get; } = [];

                public List<string> Tags { get; } = [];

                public List<string> Strings { get; } = [];

                public string? Error { get; set; }

                /// <summary>Copies a matching rule's name, tags and string matches (yr_rule_tags_foreach,
                /// yr_rule_strings_foreach and yr_string_matches_foreach of yara/rules.h, private matches skipped).</summary>
                public void Add(void* context, YR_RULE* rule)
                {
                    Matches.Add(CString.Text(rule->identifier) ?? "");
                    for (var tag = rule->tags; tag is not null && *tag != 0; tag += MemoryMarshal.CreateReadOnlySpanFromNullTerminated(tag).Length + 1)
                    {
                        var name = CString.Text(tag)!;
                        if (!Tags.Contains(name))
                        {
                            Tags.Add(name);
                        }
                    }

                    var matches = *(YR_MATCHES**)((byte*)context + YR_SCAN_CONTEXT_matches);
                    for (var s = rule->strings; s is not null; s = (s->flags & STRING_FLAGS_LAST_IN_RULE) != 0 ? null : s + 1)
                    {
                        for (var m = matches[s->idx].head; m is not null; m = m->next)
                        {
                            if (m->is_private == 0)
                            {
                                Strings.Add($"{CString.Text(s->identifier)}:{m->@base + m->offset}");
                            }
                        }
                    }
                }
            }
        }
    }
}
