// SPDX-License-Identifier: Apache-2.0
using FarQuery.Sql.Functions;

namespace FarQuery.Sql.Tests.Functions;

/// <summary>parent_directory, find_file_path_in_cmd and is_path_deterministic, the latter two against real files
/// made in a temporary directory whose names hold spaces.</summary>
public sealed class FilesystemFunctionsTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("fq fn ");

    public void Dispose() => dir.Delete(recursive: true);

    [Theory]
    [InlineData("select parent_directory('/usr/bin/ls')", "/usr/bin")]
    [InlineData("select parent_directory('/usr/bin/')", "/usr/bin")]
    [InlineData("select parent_directory('/usr')", "")]
    [InlineData("select parent_directory('ls')", null)]
    public void ParentDirectory_Paths_UpToLastSlash(string sql, string? expected)
    {
        Assert.Equal(expected, SqlScalar.Run(sql));
    }

    [Theory]
    [InlineData("select parent_directory(NULL)")]
    [InlineData("select parent_directory(5)")]
    public void ParentDirectory_NotText_FailsAsOsquery(string sql)
    {
        Assert.Contains("TEXT was expected", SqlScalar.Error(sql), StringComparison.Ordinal);
    }

    [Fact]
    public void FindFilePathInCmd_ProgramWithSpacesInPath_FindsTheFile()
    {
        // dir holds a space; "<dir>/my app" is the program, "<dir>/my" does not exist.
        var program = Path.Join(dir.FullName, "my app");
        File.WriteAllText(program, "");
        var command = $"  {program} --flag value";
        Assert.Equal(program, FilesystemFunctions.FindFilePathInCommand([command], File.Exists));
        Assert.Equal(program, SqlScalar.Run($"select find_file_path_in_cmd('{command}')"));
        Assert.Equal(1L, SqlScalar.Run($"select is_path_deterministic('{command}')"));
    }

    [Fact]
    public void FindFilePathInCmd_QuotedOrEscaped_FindsTheFile()
    {
        var program = Path.Join(dir.FullName, "a b");
        File.WriteAllText(program, "");
        Assert.Equal(program, FilesystemFunctions.FindFilePathInCommand([$"\"{program}\" -x", 1L], File.Exists));
        var escaped = program.Replace(" ", "^ ", StringComparison.Ordinal);
        Assert.Equal(program, FilesystemFunctions.FindFilePathInCommand([$"{escaped} -x", 0L, "^"], File.Exists));
    }

    [Fact]
    public void IsPathDeterministic_TwoCandidateFiles_ZeroAndShortestFirst()
    {
        // Both "<dir>/tool" and "<dir>/tool x" exist: the command line is ambiguous.
        var shortProgram = Path.Join(dir.FullName, "tool");
        var longProgram = Path.Join(dir.FullName, "tool x");
        File.WriteAllText(shortProgram, "");
        File.WriteAllText(longProgram, "");
        var command = $"{longProgram} arg";
        Assert.Equal(shortProgram, FilesystemFunctions.FindFilePathInCommand([command], File.Exists));
        Assert.Equal(0L, FilesystemFunctions.IsPathDeterministic([command], File.Exists));
        Assert.Equal(0L, SqlScalar.Run($"select is_path_deterministic('{command}')"));
    }

    [Fact]
    public void FindFilePathInCmd_NothingExistsOrDirectory_EmptyAndDeterministic()
    {
        var command = $"{dir.FullName} /no/such/file";
        Assert.Equal("", SqlScalar.Run($"select find_file_path_in_cmd('{command}')"));
        Assert.Equal(1L, SqlScalar.Run($"select is_path_deterministic('{command}')"));
    }

    [Theory]
    [InlineData("select find_file_path_in_cmd()")]
    [InlineData("select find_file_path_in_cmd(NULL)")]
    [InlineData("select find_file_path_in_cmd('/bin/sh -c', 0, 'ab')")]
    [InlineData("select is_path_deterministic(NULL)")]
    public void PathFunctions_InvalidInputs_FailAsOsquery(string sql)
    {
        Assert.Contains("Invalid inputs", SqlScalar.Error(sql), StringComparison.Ordinal);
    }
}
