// SPDX-License-Identifier: Apache-2.0

// C names are kept so libyara's headers document them (docs/conventions.md §7).
#pragma warning disable CS8981

internal static partial class Interop
{
    /// <summary>libyara's C API (yara/compiler.h, yara/rules.h, yara/types.h of YARA 4.2): compile rule text, scan a
    /// file, read the matching rules' names, tags and string matches. Compilers and rule sets are opaque; the structs a
    /// match callback walks are declared in C order and checked against the headers by the Interop layout tests.</summary>
    internal static unsafe partial class Yara
    {
        /// <summary>The logical name the imports below use: never a file name, so only <see cref="OptionalLibrary"/>'s
        /// resolver binds it, to <see cref="Library"/>'s first candidate that loads.</summary>
        internal const string LibraryName = "farquery-optional-yara";

        /// <summary>The library: Debian 12's libyara9 (YARA 4.2), whose layouts the tests check.</summary>
        internal static readonly OptionalLibrary Library = new(LibraryName, ["libyara.so.9"], "libyara9", _ => Initialize());

        /// <summary>ERROR_SUCCESS (yara/error.h).</summary>
        internal const int ERROR_SUCCESS = 0;

        /// <summary>CALLBACK_MSG_RULE_MATCHING (yara/rules.h): message_data is the matching YR_RULE.</summary>
        internal const int CALLBACK_MSG_RULE_MATCHING = 1;

        /// <summary>CALLBACK_CONTINUE (yara/rules.h).</summary>
        internal const int CALLBACK_CONTINUE = 0;

        /// <summary>CALLBACK_ABORT (yara/rules.h): stops the scan.</summary>
        internal const int CALLBACK_ABORT = 1;

        /// <summary>STRING_FLAGS_LAST_IN_RULE (yara/types.h): the rule's last YR_STRING.</summary>
        internal const uint STRING_FLAGS_LAST_IN_RULE = 0x1000;

        /// <summary>offsetof(YR_SCAN_CONTEXT, matches): the context is otherwise opaque; this one field is what
        /// yr_string_matches_foreach reads (an array of YR_MATCHES indexed by YR_STRING.idx).</summary>
        internal const int YR_SCAN_CONTEXT_matches = 160;

        /// <summary>YR_RULE: every DECLARE_REFERENCE is an 8-byte union, a pointer on 64-bit targets.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct YR_RULE
        {
            public int flags;
            public int num_atoms;
            public byte* identifier;

            /// <summary>NUL-separated tags ending with an empty string (yr_rule_tags_foreach).</summary>
            public byte* tags;
            public void* metas;
            public YR_STRING* strings;
            public void* ns;
        }

        /// <summary>YR_STRING: a rule's strings are consecutive, the last carries STRING_FLAGS_LAST_IN_RULE.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct YR_STRING
        {
            public uint flags;
            public uint idx;
            public long fixed_offset;
            public uint rule_idx;
            public int length;
            public byte* @string;
            public YR_STRING* chained_to;
            public int chain_gap_min;
            public int chain_gap_max;
            public byte* identifier;
        }

        /// <summary>YR_MATCHES: the list of one string's matches.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct YR_MATCHES
        {
            public YR_MATCH* head;
            public YR_MATCH* tail;
            public int count;
        }

        /// <summary>YR_MATCH: one match of a string; <c>is_private</c> is a C bool.</summary>
        [StructLayout(LayoutKind.Sequential)]
        internal struct YR_MATCH
        {
            public long @base;
            public long offset;
            public int match_length;
            public int data_length;
            public byte* data;
            public YR_MATCH* prev;
            public YR_MATCH* next;
            public int chain_length;
            public byte is_private;
        }

        /// <summary>yr_initialize: global set-up, reference counted; once per process here.</summary>
        [LibraryImport(LibraryName)]
        internal static partial int yr_initialize();

        /// <summary>yr_compiler_create.</summary>
        [LibraryImport(LibraryName)]
        internal static partial int yr_compiler_create(nint* compiler);

        /// <summary>yr_compiler_destroy.</summary>
        [LibraryImport(LibraryName)]
        internal static partial void yr_compiler_destroy(nint compiler);

        /// <summary>yr_compiler_set_callback: <c>void cb(int error_level, const char* file_name, int line_number,
        /// const YR_RULE* rule, const char* message, void* user_data)</c>, called for each error and warning.</summary>
        [LibraryImport(LibraryName)]
        internal static partial void yr_compiler_set_callback(
            nint compiler, delegate* unmanaged<int, byte*, int, YR_RULE*, byte*, void*, void> callback, void* user_data);

        /// <summary>yr_compiler_add_string: returns the number of errors.</summary>
        [LibraryImport(LibraryName)]
        internal static partial int yr_compiler_add_string(nint compiler, byte* rules_string, byte* namespace_);

        /// <summary>yr_compiler_get_rules: the compiled rule set; the compiler takes no more rules afterwards.</summary>
        [LibraryImport(LibraryName)]
        internal static partial int yr_compiler_get_rules(nint compiler, nint* rules);

        /// <summary>yr_rules_destroy.</summary>
        [LibraryImport(LibraryName)]
        internal static partial int yr_rules_destroy(nint rules);

        /// <summary>yr_rules_scan_file: <c>int cb(YR_SCAN_CONTEXT* context, int message, void* message_data,
        /// void* user_data)</c> per rule event; <paramref name="timeout"/> in seconds, 0 for none.</summary>
        [LibraryImport(LibraryName)]
        internal static partial int yr_rules_scan_file(
            nint rules, byte* filename, int flags, delegate* unmanaged<void*, int, void*, void*, int> callback, void* user_data, int timeout);

        private static string? Initialize()
        {
            var rc = yr_initialize();
            return rc == ERROR_SUCCESS ? null : $"yr_initialize failed with error {rc}";
        }
    }
}
