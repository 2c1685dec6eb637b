// SPDX-License-Identifier: Apache-2.0
using System.Runtime.Versioning;

// FarQuery runs on Linux only (Fargate); this lets the node key file be created with mode 0600 directly.
[assembly: SupportedOSPlatform("linux")]
