namespace ConvAnimations.Pipeline;

/// <summary>
/// One render at a time writes into an output folder: its files, cache and gallery are read, changed and written
/// back as a whole. The lock is the operating system's on <see cref="FileName"/>, so it ends with its process, also
/// one that is killed.
/// </summary>
public sealed class OutputLock : IDisposable
{
    public const string FileName = ".convanim-lock";

    private readonly FileStream _file;

    private OutputLock(FileStream file) => _file = file;

    /// <summary>Takes the folder's lock, or throws <see cref="IOException"/> saying another render holds it.</summary>
    public static OutputLock Acquire(string directory)
    {
        try
        {
            // FileShare.None takes an exclusive advisory lock (flock) that a second opener fails to get.
            return new OutputLock(new FileStream(Path.Combine(directory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new IOException($"another render is writing into {directory}: wait for it to finish, or render into another folder", e);
        }
    }

    public void Dispose() => _file.Dispose();
}
