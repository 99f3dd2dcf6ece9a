"""A real PyTorch model tuned as a Sweepwise command trial: a small CNN on MNIST.

Needs PyTorch and torchvision, which Sweepwise does not install (the sweepwise package itself is
standard library only):

    pip install ./python torch torchvision     # CPU wheels: --index-url https://download.pytorch.org/whl/cpu

Run it with examples/pytorch-mnist.yaml. Each epoch reports val_loss and val_acc through
sweepwise.report; when the stopping rule prunes the trial, report returns True and the script
stops on its own. MNIST is downloaded to ./data/mnist on first use.
"""

import sys

try:
    import torch
    import torch.nn.functional as F
    from torch import nn
    from torchvision import datasets, transforms
except ImportError as missing:
    sys.exit(
        f"pytorch_mnist.py needs PyTorch and torchvision ({missing}): "
        "pip install torch torchvision (CPU wheels: add --index-url https://download.pytorch.org/whl/cpu)"
    )

import sweepwise

p = sweepwise.params({"lr": 0.01, "momentum": 0.9, "channels": 16, "batch_size": 64, "epochs": 5, "seed": 1})
torch.manual_seed(int(p["seed"]))

# MNIST's mean and standard deviation, as the PyTorch examples normalize it (examples/mnist/main.py).
normalize = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
train_set = datasets.MNIST("data/mnist", train=True, download=True, transform=normalize)
# The last 10,000 training images validate; the test set stays untouched, as in a sweep it must.
train_part, val_part = torch.utils.data.random_split(
    train_set, [50_000, 10_000], generator=torch.Generator().manual_seed(0)
)
train_loader = torch.utils.data.DataLoader(train_part, batch_size=int(p["batch_size"]), shuffle=True)
val_loader = torch.utils.data.DataLoader(val_part, batch_size=1000)

c = int(p["channels"])
model = nn.Sequential(
    nn.Conv2d(1, c, 3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(c, 2 * c, 3), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(2 * c * 5 * 5, 10),
)
optimizer = torch.optim.SGD(model.parameters(), lr=float(p["lr"]), momentum=float(p["momentum"]))

for epoch in range(1, int(p["epochs"]) + 1):
    model.train()
    for x, y in train_loader:
        optimizer.zero_grad()
        F.cross_entropy(model(x), y).backward()
        optimizer.step()
    model.eval()
    loss, correct = 0.0, 0
    with torch.no_grad():
        for x, y in val_loader:
            out = model(x)
            loss += F.cross_entropy(out, y, reduction="sum").item()
            correct += (out.argmax(1) == y).sum().item()
    if sweepwise.report(epoch, val_loss=loss / len(val_part), val_acc=correct / len(val_part)):
        print(f"pruned after epoch {epoch}", file=sys.stderr)
        break
