// SPDX-License-Identifier: Apache-2.0
// The tests use Linux file modes (the node key file is 0600).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
