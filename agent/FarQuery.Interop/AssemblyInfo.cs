// SPDX-License-Identifier: Apache-2.0
using System.Runtime.CompilerServices;

// Every import is LibraryImport over blittable types, so the runtime marshaller is never needed (docs/conventions.md §6).
[assembly: DisableRuntimeMarshalling]
