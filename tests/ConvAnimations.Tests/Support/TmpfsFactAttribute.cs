namespace ConvAnimations.Tests.Support;

/// <summary>
/// A test that needs to mount a small tmpfs (root, or a container allowed to mount): skipped, with the reason, where
/// that is not possible, instead of failing.
/// </summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (WhyNot() is { } reason) Skip = reason;
    }

    private static string? WhyNot()
    {
        using var dir = new TempDirectory();
        try
        {
            var mount = Processes.Run("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", dir.Path]);
            if (mount.ExitCode != 0) return $"cannot mount a tmpfs here (it needs root): {mount.Stderr.Trim()}";
            Processes.Run("umount", [dir.Path]);
            return null;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"cannot mount a tmpfs here: {e.Message}";
        }
    }
}
