using ConvAnimations.Encoding;
using ConvAnimations.Rendering;
using ConvAnimations.Scenes;

namespace ConvAnimations.Writers;

/// <summary>A scene's frames as the raw pixels ffmpeg encodes.</summary>
public sealed class RasterFrames(SceneRenderer renderer, Scene scene) : IFrameSequence
{
    public int Width => renderer.Size.Width;

    public int Height => renderer.Size.Height;

    public int Count => renderer.FrameCount;

    public bool HasText { get; } = scene.HasText;

    public void Write(int index, Span<byte> bgra) => renderer.Render(bgra, index);
}
