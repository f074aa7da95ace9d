using System.Text;
using ConvAnimations.Layout;

namespace ConvAnimations.Explain;

/// <summary>
/// <c>explain --pytorch</c> of a chain of layers: an <c>nn.Sequential</c> of its layers, each written as a single
/// figure's layer is (<see cref="PyTorchLayer"/>); a layer whose sides PyTorch cannot pad is an
/// <c>nn.Sequential</c> of <c>nn.ZeroPad2d</c> (or <c>nn.ConstantPad2d</c> of minus infinity before max pooling),
/// which is <c>F.pad</c> as a module, and the layer. The program runs a zero input through the layers one by one and
/// asserts the shape after each.
/// </summary>
public static class PyTorchChain
{
    public static string Write(Animation animation)
    {
        var figure = animation.Figure;
        var chain = animation.Layers!;
        var text = new StringBuilder();
        text.AppendLine("import torch");
        text.AppendLine("from torch import nn");
        text.AppendLine();
        text.AppendLine($"# {figure.Name}: {chain.Count} layers, input {chain.Shape(0)} -> output {chain.Shape(chain.Count)}");
        var fills = new List<string>();
        text.AppendLine("model = nn.Sequential(");
        for (var l = 1; l <= chain.Count; l++)
        {
            var layer = chain.Layers[l - 1];
            var pytorch = PyTorchLayer.Of(layer, $"layer {l}", layer.Kind.Reduction == Spec.Reduction.Maximum ? "nn.ConstantPad2d" : "nn.ZeroPad2d");
            text.AppendLine($"    # {ChainText.Named(chain, l)}: {layer.Kind.Name}, {chain.Shape(l - 1)} -> {chain.Shape(l)}");
            foreach (var formula in ChainText.SizeFormulas(chain, l)) text.AppendLine($"    # {formula}");
            foreach (var comment in pytorch.Comments) text.AppendLine($"    # {comment}");
            var module = pytorch.Pad is { } pad
                ? $"nn.Sequential({(pad.Value.Length > 0 ? $"nn.ConstantPad2d({pad.Sides}, float(\"-inf\"))" : $"nn.ZeroPad2d({pad.Sides})")}, {pytorch.Module})"
                : pytorch.Module;
            text.AppendLine($"    {module},");
            if (pytorch.Fill is { } fill) fills.Add($"model[{l - 1}]{(pytorch.Pad is null ? "" : "[1]")}.{fill}");
        }
        text.AppendLine(")");
        if (fills.Count > 0)
        {
            text.AppendLine("with torch.no_grad():");
            foreach (var fill in fills) text.AppendLine($"    {fill}");
        }
        text.AppendLine($"x = torch.zeros(1, {chain.Channels(0)}, {chain.Map(0).Rows}, {chain.Map(0).Cols}, dtype=torch.float64)");
        text.AppendLine($"shapes = [{string.Join(", ", Enumerable.Range(1, chain.Count).Select(m => Shape(chain, m)))}]");
        text.AppendLine("for number, (layer, shape) in enumerate(zip(model, shapes), start=1):");
        text.AppendLine("    x = layer(x)");
        text.AppendLine("    assert x.shape == shape, (number, x.shape, shape)");
        text.AppendLine("print(x.shape)");
        return text.ToString();
    }

    /// <summary>A map's shape as PyTorch gives it, batch first: (1, C, H, W).</summary>
    private static string Shape(ChainLayout chain, int m) => $"(1, {chain.Channels(m)}, {chain.Map(m).Rows}, {chain.Map(m).Cols})";
}
