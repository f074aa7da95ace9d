using System.Reflection;

namespace ConvAnimations.Cli.Assets;

/// <summary>Text files built into the tool: init's starter file and the schema, the preview page.</summary>
internal static class Resources
{
    public static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"ConvAnimations.Cli.{name}")
            ?? throw new InvalidOperationException($"the resource {name} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
