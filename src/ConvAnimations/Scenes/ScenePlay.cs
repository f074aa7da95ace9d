namespace ConvAnimations.Scenes;

/// <summary>A scene cut to the frames <c>play:</c> chose: frame n shows the scene's frame frames[n].</summary>
public static class ScenePlay
{
    /// <param name="frames">Frames of the scene, in increasing order, each once.</param>
    public static Scene Playing(this Scene scene, IReadOnlyList<int> frames)
    {
        // The parts of a sequence show on a span of frames: the frames chosen in it, which follow each other too.
        FrameSpan Shown(FrameSpan span)
        {
            var first = frames.Count(f => f < span.First);
            return new FrameSpan(first, frames.Count(span.Contains));
        }
        return scene with
        {
            Planes = scene.Planes.Select(p => p.Visible is { } span ? p with { Visible = Shown(span) } : p).ToList(),
            Frames = new OnDemand<SceneFrame>(frames.Count, n => scene.Frames[frames[n]]),
            // Every computation stays linked (its cells are the same); those of frames left out are shown on none.
            Links = scene.Links.Moved(0, Shown),
        };
    }
}
