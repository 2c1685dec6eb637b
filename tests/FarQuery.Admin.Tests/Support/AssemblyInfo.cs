// SPDX-License-Identifier: Apache-2.0
// The admin socket is Linux-only (SO_PEERCRED, Unix file modes); so are its tests.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
