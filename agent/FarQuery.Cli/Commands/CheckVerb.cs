// SPDX-License-Identifier: Apache-2.0
namespace FarQuery.Cli.Commands;

/// <summary>What the <c>packs</c> and <c>rules</c> verbs share: arguments of one or more files, and a <c>check</c>
/// sub-verb that reports on stdout and exits with the code its check returns.</summary>
internal static class CheckVerb
{
    /// <summary>The <c>check FILE...</c> sub-verb.</summary>
    public static Command Create(Argument<string[]> files, string description, Func<IReadOnlyList<string>, TextWriter, int> check)
    {
        var command = new Command("check", description) { files };
        command.SetAction(r => check(r.GetValue(files)!, Console.Out));
        return command;
    }

    /// <summary>An argument of one or more files.</summary>
    public static Argument<string[]> Files(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.OneOrMore };
}
