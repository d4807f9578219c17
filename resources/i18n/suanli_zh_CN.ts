<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DataStatus</name>
    <message>
        <location filename="../../gui/views/run_form/data_status.py" line="+20"/>
        <source>about 11 MB</source>
        <translation>约 11 MB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>about 30 MB</source>
        <translation>约 30 MB</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>train and test files</source>
        <translation>训练和测试文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>one .npz file</source>
        <translation>一个 .npz 文件</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose the image folder: one subfolder of images per class (for example cat/ and dog/).</source>
        <translation>请选择图像文件夹：每个类别一个图像子文件夹（例如 cat/ 和 dog/）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not usable: {problem}</source>
        <translation>无法使用：{problem}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not usable: {folder} has only one class subfolder ({name}); a classifier needs at least two.</source>
        <translation>无法使用：{folder} 只有一个类别子文件夹（{name}）；分类器至少需要两个。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Found {classes} classes in {folder} ({names}); {files} files.</source>
        <translation>在 {folder} 中找到 {classes} 个类别（{names}）；共 {files} 个文件。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Synthetic data is generated on the fly; no files are needed.</source>
        <translation>合成数据即时生成；不需要任何文件。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Not found; will be downloaded ({size}) to {folder} when the run starts.</source>
        <translation>未找到；运行开始时将下载（{size}）到 {folder}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Files missing: {problem}. Tick “Download if missing” to fetch them.</source>
        <translation>缺少文件：{problem}。勾选“缺失时下载”即可获取。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Files missing: {problem}.</source>
        <translation>缺少文件：{problem}。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Found in {folder} ({layout}).</source>
        <translation>已在 {folder} 中找到（{layout}）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Using the {images} MNIST test images shipped with Suanli ({train} to train, {test} to test). For all {full}: tick “Download if missing”, put Keras&apos;s mnist.npz in ~/.keras/datasets, or choose a data folder.</source>
        <translation>使用 Suanli 自带的 {images} 张 MNIST 测试图像（{train} 张训练，{test} 张测试）。要使用全部 {full} 张：勾选“缺失时下载”，把 Keras 的 mnist.npz 放进 ~/.keras/datasets，或选择数据文件夹。</translation>
    </message>
    <message>
        <location line="-83"/>
        <source>only the 10,000 test images; Suanli trains on 80 % of them and tests on the rest</source>
        <translation>只有 10,000 张测试图像；算力用其中 80 % 训练，其余用来测试</translation>
    </message>
</context>
<context>
    <name>HelpTexts</name>
    <message>
        <location filename="../../gui/help_texts.py" line="+24"/>
        <source>Welcome to Suanli</source>
        <translation>欢迎使用算力</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suanli (算力, &quot;compute power&quot;) measures how much AI work this computer can do, and keeps every result.

It does three jobs:

Train: teaches a small image-recognition network to read handwritten digits (MNIST) or another dataset, on your graphics card or processor. You watch the loss (how wrong it still is) go down and the accuracy go up, live, next to the device&apos;s load, temperature and power. At the end a test report says how often the network is right, digit by digit.

Benchmark: runs a fixed set of measurements (training speed, inference speed, energy, the time to reach 97 % accuracy) and writes them on a score card. The Suanli score compares this machine with a reference machine: 1000 means as fast as the reference, 2000 twice as fast.

Compare: puts score cards and runs side by side, from this machine, from earlier runs, or from cards exported on other machines. Each figure is shown with its ratio to the first one, and the differences in hardware and software are listed.

Every run is kept on this computer; nothing is sent anywhere. Rest the mouse on a score to see what it means and how it is computed.</source>
        <translation>算力（Suanli）衡量这台电脑能做多少 AI 计算，并保存每一次的结果。

它能做三件事：

训练：在显卡或处理器上，教一个小型图像识别网络认出手写数字（MNIST）或其他数据集。你可以实时看到损失（网络还错多少）下降、准确率上升，旁边是设备的负载、温度和功率。最后的测试报告会告诉你网络对每个数字认对的比例。

基准测试：运行一组固定的测量（训练速度、推理速度、能耗、达到 97 % 准确率所需的时间），并把结果写进评分卡。算力分数把这台机器与参考机器比较：1000 表示与参考机器一样快，2000 表示快一倍。

对比：把评分卡和运行记录并排放在一起，可以来自这台机器、以前的运行，或在其他机器上导出的评分卡。每个数值都会给出与第一项的比值，并列出硬件和软件上的差异。

每次运行都保存在这台电脑上，不会发送到任何地方。把鼠标停在某个分数上，就能看到它的含义和计算方法。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Formula: {formula}</source>
        <translation>公式：{formula}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lower is better.</source>
        <translation>越低越好。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>How this machine compares with the reference machine, over the sub-scores that count: training and inference samples per second (and training samples per joule where the GPU reports energy). 1000 = the reference machine; twice as fast on every sub-score = 2000. Not available while the reference profile holds no measured values.</source>
        <translation>这台机器与参考机器相比的综合结果，依据计入综合分的子分数：训练和推理的每秒样本数（GPU 能报告能耗时，还包括每焦耳训练样本数）。1000 = 参考机器；每个子分数都快一倍 = 2000。参考配置中还没有实测数值时不可用。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>1000 × geometric mean of r_i, where r_i = measured / reference (reference / measured when lower is better)</source>
        <translation>1000 × r_i 的几何平均，其中 r_i = 实测值 / 参考值（越低越好的项为 参考值 / 实测值）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Training samples processed per second (the 90th percentile of repeated measurement windows). Part of the Suanli score.</source>
        <translation>每秒处理的训练样本数（多次测量窗口的第 90 百分位数）。计入算力分数。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>samples / training seconds</source>
        <translation>样本数 / 训练秒数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Inference throughput</source>
        <translation>推理吞吐量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images classified per second by the trained network, at batch 256. Part of the Suanli score.</source>
        <translation>训练好的网络在批大小 256 时每秒分类的图像数。计入算力分数。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>samples / seconds</source>
        <translation>样本数 / 秒数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Training energy efficiency</source>
        <translation>训练能效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training samples per joule of GPU energy, from the GPU&apos;s energy counter. Counted in the Suanli score where available; not available on a CPU or on a GPU without an energy counter.</source>
        <translation>每焦耳 GPU 能耗训练的样本数，取自 GPU 的能耗计数器。可用时计入算力分数；在 CPU 或没有能耗计数器的 GPU 上不可用。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>samples / energy (J), energy = counter at the end − counter at the start</source>
        <translation>样本数 / 能耗（焦耳），能耗 = 结束时计数器 − 开始时计数器</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Inference energy efficiency</source>
        <translation>推理能效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images classified per joule of GPU energy, over all inference batch sizes. Informational; not available without a GPU energy counter.</source>
        <translation>每焦耳 GPU 能耗分类的图像数，涵盖所有推理批大小。仅供参考；没有 GPU 能耗计数器时不可用。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>samples / energy (J)</source>
        <translation>样本数 / 能耗（焦耳）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Training TFLOP/s</source>
        <translation>训练 TFLOP/s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trillions of floating-point operations per second achieved while training (a multiply-add counts as 2). Informational: for a fixed model it moves with training samples per second.</source>
        <translation>训练时实际达到的每秒万亿次浮点运算（一次乘加算 2 次）。仅供参考：模型固定时，它与每秒训练样本数成正比。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>C / seconds / 10¹², C = training FLOPs (forward + backward per sample × samples + optimizer update per step × steps)</source>
        <translation>C / 秒数 / 10¹²，C = 训练浮点运算量（每样本前向 + 反向 × 样本数 + 每步优化器更新 × 步数）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Inference TFLOP/s</source>
        <translation>推理 TFLOP/s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trillions of floating-point operations per second achieved while classifying. Informational.</source>
        <translation>分类时实际达到的每秒万亿次浮点运算。仅供参考。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>R / seconds / 10¹², R = forward FLOPs per sample × samples</source>
        <translation>R / 秒数 / 10¹²，R = 每样本前向浮点运算量 × 样本数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Measured peak TFLOP/s</source>
        <translation>实测峰值 TFLOP/s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The fastest large float32 matrix multiplication measured on this device; the ceiling the efficiency is measured against (not a data-sheet figure).</source>
        <translation>在这台设备上测得的最快大型 float32 矩阵乘法速度；效率以它为上限来衡量（不是规格表上的数字）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>2 n³ / seconds / 10¹² for an n × n product, best of the repeats</source>
        <translation>n × n 矩阵乘法的 2 n³ / 秒数 / 10¹²，取多次重复中的最好值</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Training efficiency</source>
        <translation>训练效率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How much of the measured peak the training achieves. A small network like this one uses a small share. Informational.</source>
        <translation>训练达到了实测峰值的多少。像这样的小网络只用到其中一小部分。仅供参考。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>100 × training TFLOP/s / measured peak TFLOP/s</source>
        <translation>100 × 训练 TFLOP/s / 实测峰值 TFLOP/s</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Input wait</source>
        <translation>输入等待</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of the training time spent waiting for the next batch of data. Above 20 % the run is input-bound: the data pipeline, not the device, sets the pace.</source>
        <translation>训练时间中等待下一批数据所占的比例。超过 20 % 时运行受输入限制：决定速度的是数据管道，而不是设备。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>100 × waiting time / (waiting time + compute time)</source>
        <translation>100 × 等待时间 / （等待时间 + 计算时间）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Time to accuracy</source>
        <translation>达标时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seconds of training on MNIST, from loading the data, until the accuracy on the held-out dev images reaches the target (97 % unless set otherwise). Not available without the MNIST files.</source>
        <translation>在 MNIST 上训练，从加载数据开始，直到留出的验证图像上的准确率达到目标（默认 97 %）所用的秒数。没有 MNIST 文件时不可用。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>wall-clock seconds until dev accuracy ≥ target</source>
        <translation>直到验证准确率 ≥ 目标为止的实际秒数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>AI算力 (AI suanli)</source>
        <translation>AI算力</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(C + R) / S, C = training FLOPs, R = test inference FLOPs, S = model size in bytes (float32 weights)</source>
        <translation>(C + R) / S，C = 训练浮点运算量，R = 测试推理浮点运算量，S = 模型大小（字节，float32 权重）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>AI算力 per sample</source>
        <translation>每样本 AI算力</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AI算力 for one training sample and one test sample, so it does not grow with the length of the run. A property of the workload.</source>
        <translation>一个训练样本加一个测试样本的 AI算力，因此不随运行时长增长。它是工作负载的属性。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(C / training samples seen + R / test samples) / S</source>
        <translation>(C / 已训练样本数 + R / 测试样本数) / S</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>First-step time</source>
        <translation>首步时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seconds for the first training step, which traces and compiles the step function: a one-off cost.</source>
        <translation>第一个训练步所用的秒数，这一步会追踪并编译训练函数：一次性开销。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>seconds of the first step</source>
        <translation>第一步的秒数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Warm-up time</source>
        <translation>预热时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seconds for the 10 warm-up steps after the first one, before anything is measured.</source>
        <translation>第一步之后、正式测量之前的 10 个预热步所用的秒数。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>seconds of steps 2 to 11</source>
        <translation>第 2 到第 11 步的秒数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dev accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of the held-out dev images (not used for training) the network classifies correctly after the last epoch.</source>
        <translation>最后一轮之后，网络对留出的验证图像（不参与训练）分类正确的比例。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>correct / dev samples</source>
        <translation>正确数 / 验证样本数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Test accuracy</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of the test images the trained network classifies correctly.</source>
        <translation>训练好的网络对测试图像分类正确的比例。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>correct / test samples</source>
        <translation>正确数 / 测试样本数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Training time</source>
        <translation>训练时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seconds spent on training steps. Loading data, pauses, the dev evaluation after each epoch and the final test are not counted.</source>
        <translation>花在训练步上的秒数。不计入加载数据、暂停、每轮之后的验证评估和最后的测试。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>sum over the epochs of the training-step seconds</source>
        <translation>各轮训练步秒数之和</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Inference throughput at batch {batch}</source>
        <translation>批大小 {batch} 时的推理吞吐量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images classified per second when {batch} images are given to the network at once.</source>
        <translation>一次向网络输入 {batch} 张图像时，每秒分类的图像数。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{batch} × calls / seconds</source>
        <translation>{batch} × 调用次数 / 秒数</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Median latency at batch {batch}</source>
        <translation>批大小 {batch} 时的中位延迟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Milliseconds for one call classifying {batch} images; half of the calls were faster.</source>
        <translation>分类 {batch} 张图像的一次调用所用的毫秒数；一半的调用比它快。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>50th percentile of the call times, in ms</source>
        <translation>调用时间的第 50 百分位数（毫秒）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tail latency at batch {batch}</source>
        <translation>批大小 {batch} 时的尾部延迟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Milliseconds for one call classifying {batch} images; 99 % of the calls were faster. Shows hiccups the median hides.</source>
        <translation>分类 {batch} 张图像的一次调用所用的毫秒数；99 % 的调用比它快。能显示中位数掩盖的卡顿。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>99th percentile of the call times, in ms</source>
        <translation>调用时间的第 99 百分位数（毫秒）</translation>
    </message>
    <message>
        <location line="-114"/>
        <source>The figure of the article “AI算力” (on the compute power of AI): floating-point operations of training and of testing, per byte of model. It describes the workload (model and data), not the machine, so it is not part of the Suanli score.</source>
        <translation>文章《AI算力》（关于 AI 的计算能力）中的指标：训练和测试的浮点运算量，除以模型的字节数。它描述的是工作负载（模型和数据），而不是机器，所以不计入算力分数。</translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <location filename="../../gui/runtime/jobs.py" line="+28"/>
        <source>This run is not being recorded in the results store: {error}</source>
        <translation>本次运行未记录到结果库：{error}</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>TensorBoard events of this run go under {path} (watch with `tensorboard --logdir {path}`).</source>
        <translation>本次运行的 TensorBoard 事件写入 {path}（用 `tensorboard --logdir {path}` 查看）。</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>The score card was not stored in the results store: {error}</source>
        <translation>评分卡未保存到结果库：{error}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Score card recorded as run {run} (History tab; python -m engine runs show {run}).</source>
        <translation>评分卡已记录为运行 {run}（见“历史”标签页；或 python -m engine runs show {run}）。</translation>
    </message>
    <message>
        <location filename="../../gui/wording.py" line="+30"/>
        <source>Automatic (GPU if there is one)</source>
        <translation>自动（有 GPU 则用 GPU）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>GPU {index}: {name}</source>
        <translation>GPU {index}：{name}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All GPUs (MirroredStrategy)</source>
        <translation>所有 GPU（MirroredStrategy）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>no GPU; training on the CPU</source>
        <translation>没有 GPU；在 CPU 上训练</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>TensorFlow {version} ready · {devices} · CPU: {cpu}</source>
        <translation>TensorFlow {version} 已就绪 · {devices} · CPU：{cpu}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>TensorFlow {version} ready · {devices}</source>
        <translation>TensorFlow {version} 已就绪 · {devices}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{replicas} replicas: global batch {batch}, {per} per replica</source>
        <translation>{replicas} 个副本：全局批大小 {batch}，每个副本 {per}</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Finished early after {done} of {total} epochs ({reason}) in {time}: test accuracy {accuracy} %. The Evaluation tab has the details.</source>
        <translation>提前完成，共 {total} 轮中完成了 {done} 轮（{reason}），用时 {time}：测试准确率 {accuracy} %。详情见“评估”标签页。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Finished in {time}: test accuracy {accuracy} %. The Evaluation tab has the details.</source>
        <translation>完成，用时 {time}：测试准确率 {accuracy} %。详情见“评估”标签页。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Stopped with {done} of {total} epoch done.</source>
        <translation>已停止，共 {total} 轮中完成了 {done} 轮。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stopped with {done} of {total} epochs done.</source>
        <translation>已停止，共 {total} 轮中完成了 {done} 轮。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{text} Checkpoints were off, so this run cannot be resumed.</source>
        <translation>{text}检查点未开启，因此这次运行无法继续。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{text} No epoch was finished, so there is nothing to resume.</source>
        <translation>{text}没有完成任何一轮，因此没有可继续的内容。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{text} “Resume a run…” goes on from epoch {next}.</source>
        <translation>{text}“继续运行…”会从第 {next} 轮接着训练。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Run {status} after {steps} steps.</source>
        <translation>运行在 {steps} 步后{status}。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>the reference machine</source>
        <translation>参考机器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{cpu}, {cores} logical cores, {ram} GiB RAM, {gpu}, TensorFlow {tf}</source>
        <translation>{cpu}，{cores} 个逻辑核心，{ram} GiB RAM，{gpu}，TensorFlow {tf}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>no GPU</source>
        <translation>无 GPU</translation>
    </message>
</context>
<context>
    <name>QtAppMenus</name>
    <message>
        <location filename="../../gui/window/app_menus.py" line="+42"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the &amp;data folder</source>
        <translation>打开数据文件夹(&amp;D)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Start training</source>
        <translation>开始训练(&amp;S)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>S&amp;top the running job</source>
        <translation>停止正在运行的任务(&amp;T)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suanli &amp;help</source>
        <translation>算力帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How the &amp;scores are computed</source>
        <translation>分数如何计算(&amp;S)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;About Suanli</source>
        <translation>关于算力(&amp;A)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Colour scheme</source>
        <translation>配色方案</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Automatic (as the system)</source>
        <translation>自动（跟随系统）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>About Suanli</source>
        <translation>关于算力</translation>
    </message>
    <message>
        <location filename="../../gui/window/about.py" line="+43"/>
        <source>(TensorFlow is still loading)</source>
        <translation>（TensorFlow 仍在加载）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{gpus} (not used by TensorFlow) · training on the CPU: {cpu}</source>
        <translation>{gpus}（TensorFlow 未使用）· 在 CPU 上训练：{cpu}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no GPU · training on the CPU: {cpu}</source>
        <translation>没有 GPU · 在 CPU 上训练：{cpu}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Train and profile a CNN on this machine, with live plots and score cards.</source>
        <translation>在本机训练并剖析卷积神经网络，提供实时曲线和评分卡。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Versions: {versions}</source>
        <translation>版本：{versions}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Device: {device}</source>
        <translation>设备：{device}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Data folder: {folder}</source>
        <translation>数据文件夹：{folder}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Log file: {file}</source>
        <translation>日志文件：{file}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Suanli is free software under the MIT license.</source>
        <translation>算力是以 MIT 许可证发布的自由软件。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>How the scores are computed</source>
        <translation>分数如何计算</translation>
    </message>
</context>
<context>
    <name>QtBenchmarkView</name>
    <message>
        <location filename="../../gui/views/benchmark/qt_benchmark_view.py" line="+44"/>
        <source>Benchmarking is not available in this build: the engine&apos;s benchmark suite (engine.benchmark.suite) is missing.</source>
        <translation>此版本不支持基准测试：缺少引擎的基准测试套件（engine.benchmark.suite）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Measured</source>
        <translation>测量项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../gui/score_names.py" line="+21"/>
        <source>Peak compute (matrix multiply)</source>
        <translation>峰值算力（矩阵乘法）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Graph tracing time</source>
        <translation>计算图追踪时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warm-up time</source>
        <translation>预热时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training speed</source>
        <translation>训练速度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Achieved training compute</source>
        <translation>训练实际算力</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of peak used in training</source>
        <translation>训练所用峰值算力比例</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Training energy efficiency</source>
        <translation>训练能效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time spent waiting for input</source>
        <translation>等待输入的时间占比</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inference speed</source>
        <translation>推理速度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Achieved inference compute</source>
        <translation>推理实际算力</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inference energy efficiency</source>
        <translation>推理能效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time to target accuracy</source>
        <translation>达到目标准确率的时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AI suanli (C+R)/S</source>
        <translation>AI算力 (C+R)/S</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AI suanli per sample</source>
        <translation>每样本 AI算力</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Inference</source>
        <translation>推理</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Inference speed, batch {b}</source>
        <translation>推理速度，批大小 {b}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latency, batch {b} (median)</source>
        <translation>延迟，批大小 {b}（中位数）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latency, batch {b} (99th percentile)</source>
        <translation>延迟，批大小 {b}（第 99 百分位）</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Inference, batch {b}</source>
        <translation>推理，批大小 {b}</translation>
    </message>
    <message>
        <location filename="../../gui/views/benchmark/qt_benchmark_view.py" line="+84"/>
        <source>Measures how fast this machine trains and runs the Suanli CNN with a short, fixed workload, and sums it up in a score card you can compare with other machines.</source>
        <translation>用一段简短、固定的工作负载测量这台机器训练和运行算力 CNN 的速度，并汇总成一张可与其他机器对比的评分卡。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Benchmark this machine</source>
        <translation>对本机进行基准测试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ready.</source>
        <translation>就绪。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>The benchmark failed: {error}</source>
        <translation>基准测试失败：{error}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The benchmark was stopped; the card shows what was measured.</source>
        <translation>基准测试已停止；评分卡显示已测得的结果。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Done: {figures} figures measured.</source>
        <translation>完成：共测得 {figures} 项数据。</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>{name}: {value}</source>
        <translation>{name}：{value}</translation>
    </message>
    <message>
        <location filename="../../gui/views/benchmark/headline.py" line="+18"/>
        <source>1000 = {machine}</source>
        <translation>1000 = {machine}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the benchmark to score this machine.</source>
        <translation>运行基准测试，为这台机器评分。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No score: a required figure could not be measured.</source>
        <translation>没有分数：有一项必需的数据未能测得。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>95 % interval {low} – {high}</source>
        <translation>95 % 区间 {low} – {high}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no uncertainty: this card has no interval</source>
        <translation>无不确定度：这张评分卡不带区间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Quiet: nothing else used the machine noticeably while it measured</source>
        <translation>安静：测量期间没有别的程序明显占用这台机器</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Disturbed: other processes used {cores} cores on average while it measured; run it again on a quieter machine for a firmer score</source>
        <translation>受干扰：测量期间其他进程平均占用 {cores} 个核心；在更空闲的机器上再测一次，分数会更可靠</translation>
    </message>
</context>
<context>
    <name>QtCompareView</name>
    <message>
        <location filename="../../gui/views/compare/comparison_rows.py" line="+33"/>
        <source>Card</source>
        <translation>评分卡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Machine</source>
        <translation>机器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>Inference, batch {b}</source>
        <translation>推理，批大小 {b}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latency b{b}, median</source>
        <translation>延迟 b{b}，中位数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latency b{b}, p99</source>
        <translation>延迟 b{b}，p99</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Peak compute</source>
        <translation>峰值算力</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Graph tracing</source>
        <translation>图追踪</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warm-up</source>
        <translation>预热</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training speed</source>
        <translation>训练速度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training compute</source>
        <translation>训练算力</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share of peak</source>
        <translation>峰值占比</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training energy eff.</source>
        <translation>训练能效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Input wait</source>
        <translation>输入等待</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inference speed</source>
        <translation>推理速度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inference compute</source>
        <translation>推理算力</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inference energy eff.</source>
        <translation>推理能效</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time to accuracy</source>
        <translation>达标时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AI suanli</source>
        <translation>AI算力</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AI suanli / sample</source>
        <translation>每样本 AI算力</translation>
    </message>
    <message>
        <location filename="../../gui/views/compare/qt_compare_view.py" line="+98"/>
        <source>Ratios and bars are relative to this card</source>
        <translation>比值和柱形均相对于这张评分卡</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import cards…</source>
        <translation>导入评分卡…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The same from a shell: python -m engine import FILE…</source>
        <translation>在命令行中的等效命令：python -m engine import FILE…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read the stored cards again (python -m engine cards list)</source>
        <translation>重新读取已保存的评分卡（python -m engine cards list）</translation>
    </message>
    <message>
        <location filename="../../gui/views/compare/qt_ratio_chart.py" line="+42"/>
        <source>Relative to the baseline</source>
        <translation>相对于基准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>× baseline (log scale)</source>
        <translation>× 基准（对数刻度）</translation>
    </message>
    <message>
        <location filename="../../gui/views/compare/qt_compare_view.py" line="+35"/>
        <source>Score cards</source>
        <translation>评分卡</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Baseline:</source>
        <translation>基准：</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Sub-scores</source>
        <translation>子分数</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Environment (differences in bold)</source>
        <translation>环境（差异以粗体显示）</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{what}: {error}</source>
        <translation>{what}：{error}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>benchmark</source>
        <translation>基准测试</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The stored score cards cannot be read</source>
        <translation>无法读取已保存的评分卡</translation>
    </message>
    <message>
        <location filename="../../gui/views/compare/comparison_rows.py" line="+25"/>
        <source>run {run} · {name}</source>
        <translation>运行 {run} · {name}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>imported: {file}</source>
        <translation>已导入：{file}</translation>
    </message>
    <message>
        <location line="-125"/>
        <source>unknown machine</source>
        <translation>未知机器</translation>
    </message>
    <message>
        <location filename="../../gui/views/compare/qt_compare_view.py" line="+99"/>
        <source>card:{card} cannot be read</source>
        <translation>无法读取 card:{card}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>card:{card} cannot be compared</source>
        <translation>无法对比 card:{card}</translation>
    </message>
    <message>
        <location filename="../../gui/views/compare/comparison_rows.py" line="+163"/>
        <source>No score cards yet: run a benchmark (Benchmark tab), or import cards exported on other machines.</source>
        <translation>还没有评分卡：请运行基准测试（“基准测试”标签页），或导入在其他机器上导出的评分卡。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Tick two or more cards to compare them.</source>
        <translation>勾选两张或更多评分卡进行对比。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Comparing {count} cards; ratios are to {card}, the baseline.</source>
        <translation>正在对比 {count} 张评分卡；比值相对于基准 {card}。</translation>
    </message>
    <message>
        <location filename="../../gui/views/compare/qt_compare_view.py" line="+34"/>
        <source>Note: {note}</source>
        <translation>注意：{note}</translation>
    </message>
    <message>
        <location filename="../../gui/views/compare/comparison_rows.py" line="+21"/>
        <source>Sub-score</source>
        <translation>子分数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{card} vs {baseline}</source>
        <translation>{card} 对比 {baseline}</translation>
    </message>
    <message>
        <location line="-45"/>
        <source>{card} (baseline)</source>
        <translation>{card}（基准）</translation>
    </message>
    <message>
        <location line="+62"/>
        <source> · lower is better</source>
        <translation> · 越低越好</translation>
    </message>
    <message>
        <location line="-185"/>
        <source>better than the baseline</source>
        <translation>优于基准</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>worse than the baseline</source>
        <translation>差于基准</translation>
    </message>
    <message>
        <location line="+238"/>
        <source>{card} {name}: {value} {unit} · {ratio} of {baseline}</source>
        <translation>{card} {name}：{value} {unit} · 为 {baseline} 的 {ratio}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>config: {key}</source>
        <translation>配置：{key}</translation>
    </message>
    <message>
        <location filename="../../gui/views/compare/qt_compare_view.py" line="+90"/>
        <source>Fact</source>
        <translation>项目</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>differs between the cards</source>
        <translation>各评分卡之间不同</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Score cards were not imported</source>
        <translation>评分卡未能导入</translation>
    </message>
    <message>
        <location filename="../../gui/views/compare/comparison_rows.py" line="-261"/>
        <source>within noise: no clear difference from the baseline</source>
        <translation>在噪声范围内：与基准没有明显差别</translation>
    </message>
    <message>
        <location filename="../../gui/views/compare/qt_compare_view.py" line="-140"/>
        <source>No uncertainty (a version-1 card): {cards}</source>
        <translation>无不确定度（第 1 版评分卡）：{cards}</translation>
    </message>
    <message>
        <location line="-214"/>
        <source>Each ratio has a 95 % interval; a difference is called only when the interval leaves no doubt, else it is within noise</source>
        <translation>每个比值都带 95 % 区间；只有区间不含 1 时才判定有差别，否则算在噪声范围内</translation>
    </message>
    <message>
        <location line="+233"/>
        <source>Suanli score 1000 = {machine} ({name}; its own suites scored {low} – {high})</source>
        <translation>算力分数 1000 = {machine}（{name}；其自身各次测试得分 {low} – {high}）</translation>
    </message>
</context>
<context>
    <name>QtCompressionView</name>
    <message>
        <location filename="../../gui/views/compression/qt_compression_view.py" line="+79"/>
        <source>Trains a baseline, then shrinks it: TensorFlow Lite quantization (float16, dynamic range, int8), pruning and distillation. Every variant is measured the same way.</source>
        <translation>先训练一个基线模型，再将其压缩：TensorFlow Lite 量化（float16、动态范围、int8）、剪枝和蒸馏。每个变体都用相同的方法测量。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Which images to learn from. The data folder, training-image limit, seed and device always come from the training form on the left.</source>
        <translation>用哪些图像学习。数据文件夹、训练图像上限、随机种子和设备始终取自左侧的训练表单。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Epochs for the baseline, the teacher and the distilled student each, so the student and the baseline train equally long</source>
        <translation>基线、教师模型和蒸馏学生模型各自的训练轮数，使学生模型与基线训练时长相同</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Share of the weights pruning sets to zero</source>
        <translation>剪枝置零的权重比例</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+269"/>
        <source>Advanced ▸</source>
        <translation>高级 ▸</translation>
    </message>
    <message>
        <location line="-266"/>
        <source>Pruning epochs and the distillation settings</source>
        <translation>剪枝轮数和蒸馏设置</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fine-tuning epochs while the sparsity ramps up</source>
        <translation>稀疏度逐步提升期间的微调轮数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Distillation temperature T: higher values soften the teacher&apos;s answers, so the student also learns which wrong classes the teacher found close</source>
        <translation>蒸馏温度 T：数值越高，教师模型的输出越平滑，学生模型也能学到教师认为相近的错误类别</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Weight α of the true labels in the student&apos;s loss; 1 − α goes to the teacher</source>
        <translation>学生损失中真实标签的权重 α；其余 1 − α 归教师模型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Run compression lab</source>
        <translation>运行压缩实验</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ready.</source>
        <translation>就绪。</translation>
    </message>
    <message>
        <location line="+111"/>
        <source>Variants</source>
        <translation>变体</translation>
    </message>
    <message>
        <location filename="../../gui/views/compression/lab_model.py" line="+113"/>
        <location filename="../../gui/views/compression/qt_compression_view.py" line="+56"/>
        <source>Loading the data and building the models…</source>
        <translation>正在加载数据并构建模型…</translation>
    </message>
    <message>
        <location line="-93"/>
        <source>Same as the training form</source>
        <translation>与训练表单相同</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>training the baseline</source>
        <translation>正在训练基线模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pruning with fine-tuning</source>
        <translation>正在剪枝并微调</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>training the teacher</source>
        <translation>正在训练教师模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>distilling the student</source>
        <translation>正在蒸馏学生模型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>measuring the baseline and its TensorFlow Lite conversions</source>
        <translation>正在测量基线模型及其 TensorFlow Lite 转换版本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>measuring the pruned model</source>
        <translation>正在测量剪枝后的模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>teacher trained; starting distillation</source>
        <translation>教师模型已训练完成；开始蒸馏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>measuring the distilled student</source>
        <translation>正在测量蒸馏后的学生模型</translation>
    </message>
    <message>
        <location filename="../../gui/views/compression/variant_table.py" line="+29"/>
        <source>pruned</source>
        <translation>剪枝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>distilled</source>
        <translation>蒸馏</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>{bytes} bytes</source>
        <translation>{bytes} 字节</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{bytes} bytes gzipped</source>
        <translation>gzip 压缩后 {bytes} 字节</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{flop} FLOP per image</source>
        <translation>每张图像 {flop} FLOP</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Variant</source>
        <translation>变体</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How the model was made: the Keras baseline, four TensorFlow Lite conversions of it, a pruned copy and a distilled student. The colour matches the charts.</source>
        <translation>模型的由来：Keras 基线模型、它的四种 TensorFlow Lite 转换版本、一个剪枝副本和一个蒸馏学生模型。颜色与图表一致。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Size S
(kB)</source>
        <translation>大小 S
（kB）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Size of the model file on disk, in kilobytes (1 kB = 1,000 bytes).</source>
        <translation>模型文件在磁盘上的大小，单位为千字节（1 kB = 1,000 字节）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>gzip size
(kB)</source>
        <translation>gzip 大小
（kB）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Size of the model file after gzip compression. Pruning sets weights to zero without removing them, so it only pays off here.</source>
        <translation>模型文件经 gzip 压缩后的大小。剪枝把权重置零但并不删除它们，所以只有在这里才能看到收益。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Test accuracy
(%)</source>
        <translation>测试准确率
（%）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Share of the test images this variant classifies correctly.</source>
        <translation>该变体正确分类的测试图像比例。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Inference R
(FLOP/image)</source>
        <translation>推理 R
（FLOP/图像）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Floating-point operations needed to classify one image.</source>
        <translation>分类一张图像所需的浮点运算次数。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Latency p50
batch 1 (ms)</source>
        <translation>延迟 p50
批大小 1（ms）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Latency p99
batch 1 (ms)</source>
        <translation>延迟 p99
批大小 1（ms）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Throughput
batch 256 (img/s)</source>
        <translation>吞吐量
批大小 256（图像/秒）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Images classified per second when they come in batches of 256.</source>
        <translation>以 256 张为一批时每秒分类的图像数。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(C+R)/S
(FLOP/byte)</source>
        <translation>(C+R)/S
（FLOP/字节）</translation>
    </message>
    <message>
        <location filename="../../gui/views/compression/lab_model.py" line="+15"/>
        <source> (target {target} %)</source>
        <translation>（目标 {target} %）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>pruned: {sparsity} % of {weights} weights are zero{aim}; the file only shrinks gzipped</source>
        <translation>剪枝：{weights} 个权重中 {sparsity} % 为零{aim}；文件只有在 gzip 压缩后才会变小</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>pruned: {sparsity} % of the weights are zero{aim}; the file only shrinks gzipped</source>
        <translation>剪枝：{sparsity} % 的权重为零{aim}；文件只有在 gzip 压缩后才会变小</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>teacher {teacher}, T = {temperature}, α = {alpha}</source>
        <translation>教师 {teacher}，T = {temperature}，α = {alpha}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>distilled: {student} % vs {plain} % without a teacher ({gain} points; {how})</source>
        <translation>蒸馏：{student} %，无教师时为 {plain} %（{gain} 个百分点；{how}）</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Stage {stage} of {stages}, </source>
        <translation>第 {stage}/{stages} 阶段，</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> · {measured} of {variants} variants measured</source>
        <translation> · 已测量 {measured}/{variants} 个变体</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>, step {step}/{steps}</source>
        <translation>，第 {step}/{steps} 步</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{where}{words}: epoch {epoch}/{planned}{step}{measured}</source>
        <translation>{where}{words}：第 {epoch}/{planned} 轮{step}{measured}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{stage} done</source>
        <translation>{stage} 已完成</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{where}{words}…{measured}</source>
        <translation>{where}{words}…{measured}</translation>
    </message>
    <message>
        <location filename="../../gui/views/compression/variant_scatter.py" line="+166"/>
        <source>{variant}: {accuracy} % · {what} {value}</source>
        <translation>{variant}：{accuracy} % · {what} {value}</translation>
    </message>
    <message>
        <location filename="../../gui/views/compression/qt_compression_view.py" line="-132"/>
        <source>Accuracy vs size</source>
        <translation>准确率与大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>size S (kB)</source>
        <translation>大小 S（kB）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+7"/>
        <source>test accuracy (%)</source>
        <translation>测试准确率（%）</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Accuracy vs latency</source>
        <translation>准确率与延迟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>latency p50, batch 1 (ms, log scale)</source>
        <translation>延迟 p50，批大小 1（ms，对数刻度）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>size</source>
        <translation>大小</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>latency p50</source>
        <translation>延迟 p50</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Target sparsity</source>
        <translation>目标稀疏度</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Pruning epochs</source>
        <translation>剪枝轮数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Temperature T</source>
        <translation>温度 T</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label weight α</source>
        <translation>标签权重 α</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Stopping after this batch…</source>
        <translation>将在本批次结束后停止…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The compression lab failed: {error}</source>
        <translation>压缩实验失败：{error}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stopped; {measured} of {variants} variants measured.</source>
        <translation>已停止；已测量 {measured}/{variants} 个变体。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Done in {duration}: {measured} variants measured.</source>
        <translation>完成，用时 {duration}：已测量 {measured} 个变体。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> Model files in {folder}.</source>
        <translation>模型文件位于 {folder}。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> Kept in the results store as run {run}.</source>
        <translation>已作为运行 {run} 保存在结果库中。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> The results store could not keep it: {error}</source>
        <translation>结果库未能保存：{error}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Advanced ▾</source>
        <translation>高级 ▾</translation>
    </message>
    <message>
        <location filename="../../gui/views/compression/verdict.py" line="+96"/>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>accuracy {change} points</source>
        <translation>准确率 {change} 个百分点</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>{ratio} faster</source>
        <translation>快 {ratio}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{ratio} slower</source>
        <translation>慢 {ratio}</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>{ratio} smaller</source>
        <translation>小 {ratio}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>{variant}: {facts} — best for deployment</source>
        <translation>{variant}：{facts} —— 最适合部署</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>No variant keeps the original&apos;s accuracy within {points} points: the original stays the best choice.</source>
        <translation>没有哪个变体的准确率与原始模型相差在 {points} 个百分点以内：原始模型仍是最佳选择。</translation>
    </message>
    <message>
        <location filename="../../gui/views/compression/variant_table.py" line="-15"/>
        <source>99th-percentile (p99) time for one image on its own: the slow tail. 1 call in 100 takes longer than this.</source>
        <translation>单独分类一张图像的第 99 百分位（p99）耗时：慢的尾部。每 100 次调用中有 1 次比这更慢。</translation>
    </message>
    <message>
        <location line="-148"/>
        <source>A copy whose smallest weights were set to zero, then fine-tuned. The file keeps its size (the zeros are still stored) but compresses well with gzip.</source>
        <translation>把最小的权重置零后再微调的副本。文件大小不变（零仍被存储），但用 gzip 压缩效果很好。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A student model trained to imitate the answers of a bigger teacher model.</source>
        <translation>一个学生模型，训练它模仿更大的教师模型的回答。</translation>
    </message>
    <message>
        <location line="+161"/>
        <source>AI compute power (C+R)/S, from the article “AI算力” on the compute power of AI: the training FLOPs that made this variant (C) plus the inference FLOPs on the test set (R), divided by the model&apos;s file size in bytes (S). Pruned and distilled variants score higher partly because more training went into them (fine-tuning, the teacher).</source>
        <translation>AI 算力 (C+R)/S，出自关于 AI 计算能力的文章《AI算力》：得到此变体的训练浮点运算量（C）加上在测试集上的推理浮点运算量（R），除以模型文件的字节数（S）。剪枝和蒸馏变体得分更高，部分原因是在它们身上投入了更多训练（微调、教师模型）。</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Median (p50: half the calls are faster) time to classify one image on its own (batch of 1), in milliseconds.</source>
        <translation>单独分类一张图像（批大小 1）的中位（p50：一半的调用比它快）耗时，单位毫秒。</translation>
    </message>
    <message>
        <location line="-170"/>
        <source>TFLite 16-bit</source>
        <translation>TFLite 16 位</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>TFLite 32-bit</source>
        <translation>TFLite 32 位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TFLite 8-bit weights</source>
        <translation>TFLite 8 位权重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TFLite int8</source>
        <translation>TFLite int8</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>TensorFlow Lite with the weights stored as 16-bit numbers: about half the size, nearly the same answers.</source>
        <translation>权重以 16 位数字存储的 TensorFlow Lite：大小约为一半，回答几乎相同。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>TensorFlow Lite with the weights stored as 8-bit integers (“dynamic range” quantization): about a quarter of the size; the arithmetic stays floating-point.</source>
        <translation>权重以 8 位整数存储的 TensorFlow Lite（“动态范围”量化）：大小约为四分之一；运算仍是浮点。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>TensorFlow Lite with weights and arithmetic in 8-bit integers (“full int8”): a quarter of the size, made for small processors and accelerators.</source>
        <translation>权重和运算都用 8 位整数的 TensorFlow Lite（“完整 int8”）：大小为四分之一，适合小型处理器和加速器。</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>The same model converted to TensorFlow Lite, the runtime for phones and small devices; the weights stay 32-bit.</source>
        <translation>同一个模型转换为 TensorFlow Lite（手机和小型设备上的运行时）；权重仍是 32 位。</translation>
    </message>
    <message>
        <location filename="../../gui/views/compression/qt_compression_view.py" line="-235"/>
        <source>The smallest variant whose test accuracy stays within half a point of the original&apos;s; “faster” compares the time for one image (p50, batch 1)</source>
        <translation>测试准确率与原始模型相差不超过半个百分点的最小变体；“快”比较的是单张图像的耗时（p50，批大小 1）</translation>
    </message>
    <message>
        <location filename="../../gui/views/compression/variant_table.py" line="-5"/>
        <source>The trained model as it is (Keras, 32-bit floating-point weights). Every other variant is compared with it.</source>
        <translation>训练好的原始模型（Keras，32 位浮点权重）。其他变体都与它比较。</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>original</source>
        <translation>原始模型</translation>
    </message>
</context>
<context>
    <name>QtDeviceView</name>
    <message>
        <location filename="../../gui/views/device/machine_text.py" line="+23"/>
        <source>sw_power_cap</source>
        <translation>软件功率上限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hw_slowdown</source>
        <translation>硬件降速</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sw_thermal_slowdown</source>
        <translation>软件温控降频</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hw_thermal_slowdown</source>
        <translation>硬件温控降频</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>hw_power_brake_slowdown</source>
        <translation>硬件功率制动降频</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>board_limit</source>
        <translation>板卡限制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reliability</source>
        <translation>可靠性限制</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/qt_device_panels.py" line="+33"/>
        <source>time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>at</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../gui/views/device/machine_text.py" line="+34"/>
        <location line="+16"/>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>CPU: {model} ({cores} logical cores), {ram} GiB RAM</source>
        <translation>CPU：{model}（{cores} 个逻辑核心），{ram} GiB 内存</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CPU: {model} ({cores} logical cores)</source>
        <translation>CPU：{model}（{cores} 个逻辑核心）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>GPU {index}: {name}, {memory} GiB</source>
        <translation>GPU {index}：{name}，{memory} GiB</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>GPU {index}: {name}</source>
        <translation>GPU {index}：{name}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>NVIDIA driver {driver}, CUDA {cuda}</source>
        <translation>NVIDIA 驱动 {driver}，CUDA {cuda}</translation>
    </message>
    <message>
        <location line="+11"/>
        <location filename="../../gui/views/device/qt_device_view.py" line="+187"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} {kind}</source>
        <translation>{count} 个 {kind}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>TensorFlow {version} sees {devices}</source>
        <translation>TensorFlow {version} 识别到 {devices}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>TensorFlow {version} sees no devices</source>
        <translation>TensorFlow {version} 未识别到任何设备</translation>
    </message>
    <message>
        <location filename="../../gui/views/device/qt_device_view.py" line="-150"/>
        <source>Looking at this machine…</source>
        <translation>正在检测本机…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Waiting for the first telemetry sample…</source>
        <translation>正在等待第一个遥测样本…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/qt_device_panels.py" line="+9"/>
        <source>CPU load</source>
        <translation>CPU 负载</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>% of all cores</source>
        <translation>占全部核心的 %</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>whole machine</source>
        <translation>整机</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Suanli</source>
        <translation>算力</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>RAM</source>
        <translation>内存</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>used</source>
        <translation>已用</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>installed</source>
        <translation>总量</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>GPU utilisation</source>
        <translation>GPU 利用率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GPU memory</source>
        <translation>GPU 显存</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GPU temperature</source>
        <translation>GPU 温度</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>GPU clock (% of max)</source>
        <translation>GPU 频率（占最高的 %）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>GPU {index} used</source>
        <translation>GPU {index} 已用</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>GPU {index} total</source>
        <translation>GPU {index} 总量</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>GPU {index} limit</source>
        <translation>GPU {index} 功率上限</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>GPU {index} SM clock</source>
        <translation>GPU {index} SM 频率</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>throttled</source>
        <translation>降频</translation>
    </message>
    <message>
        <location filename="../../gui/views/device/qt_device_view.py" line="+124"/>
        <source>CPU {cpu} %</source>
        <translation>CPU {cpu} %</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>RAM {used} of {total} GiB</source>
        <translation>内存 {used} / {total} GiB</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>GPU {index} {util} % · {temperature} °C · {power} W · clock {clock} %</source>
        <translation>GPU {index} {util} % · {temperature} °C · {power} W · 频率 {clock} %</translation>
    </message>
    <message>
        <location line="+10"/>
        <source> (throttling: {reasons})</source>
        <translation>（降频：{reasons}）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Now: {parts}</source>
        <translation>当前：{parts}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/gpu_numbers.py" line="+43"/>
        <source>{index} (NVML)</source>
        <translation>{index}（NVML）</translation>
    </message>
    <message>
        <location filename="../../gui/views/device/machine_text.py" line="-29"/>
        <source>MIG: {slices}</source>
        <translation>MIG：{slices}</translation>
    </message>
</context>
<context>
    <name>QtErrorBanner</name>
    <message>
        <location filename="../../gui/widgets/qt_message_views.py" line="+69"/>
        <source>Hide this message</source>
        <translation>隐藏此消息</translation>
    </message>
</context>
<context>
    <name>QtEvaluationView</name>
    <message>
        <location filename="../../gui/widgets/qt_evaluation_view.py" line="+35"/>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F1 score</source>
        <translation>F1 分数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images</source>
        <translation>图像数</translation>
    </message>
    <message>
        <location line="+41"/>
        <location line="+103"/>
        <source>Train a model to see how it does on the test set.</source>
        <translation>训练一个模型，查看它在测试集上的表现。</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>predicted class</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>true class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+64"/>
        <source>Misclassified test images</source>
        <translation>分类错误的测试图像</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>Classification report (test set)</source>
        <translation>分类报告（测试集）</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>The run stopped before the test evaluation, so there is no report.</source>
        <translation>运行在测试集评估之前已停止，因此没有报告。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The run failed before the test evaluation, so there is no report.</source>
        <translation>运行在测试集评估之前已失败，因此没有报告。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The run ended ({status}) before the test evaluation, so there is no report.</source>
        <translation>运行在测试集评估之前已结束（{status}），因此没有报告。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Test accuracy {accuracy} % on {samples} test images — {model} trained on {dataset} for {epochs} epoch(s).</source>
        <translation>测试准确率 {accuracy} %（{samples} 张测试图像）— {model} 在 {dataset} 上训练了 {epochs} 轮。</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>true {true}, predicted {pred}: {count} images ({share} % of {true})</source>
        <translation>真实 {true}，预测 {pred}：{count} 张图像（占 {true} 的 {share} %）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Misclassified test images (the first {shown} of {total})</source>
        <translation>分类错误的测试图像（前 {shown} 张，共 {total} 张）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Misclassified test images ({shown})</source>
        <translation>分类错误的测试图像（{shown} 张）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>true {true}
predicted {pred}
{confidence} % sure</source>
        <translation>真实 {true}
预测 {pred}
把握 {confidence} %</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>test image #{index}</source>
        <translation>测试图像 #{index}</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/confusion_summary.py" line="+50"/>
        <source>Most confused: {pairs}.</source>
        <translation>最常混淆：{pairs}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/qt_evaluation_view.py" line="-321"/>
        <source>Precision: of the images the model called this class, the share that really are</source>
        <translation>精确率：模型判为此类的图像中，确实属于此类的比例</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recall: of the images of this class, the share the model recognised</source>
        <translation>召回率：此类的图像中，被模型认出的比例</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>F1 score: precision and recall in one number (their harmonic mean); 1 is perfect</source>
        <translation>F1 分数：把精确率和召回率合成一个数（二者的调和平均）；1 为完美</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>How many test images the class has</source>
        <translation>此类的测试图像数量</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>The biggest cells off the diagonal of the confusion matrix</source>
        <translation>混淆矩阵中对角线以外最大的格子</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/confusion_summary.py" line="-11"/>
        <source>{true} taken for {pred} ({count}×)</source>
        <translation>{true} 被认成 {pred}（{count} 次）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{true} for {pred} ({count}×)</source>
        <translation>{true} 认成 {pred}（{count} 次）</translation>
    </message>
</context>
<context>
    <name>QtHistoryView</name>
    <message>
        <location filename="../../gui/views/history/run_details.py" line="+24"/>
        <location filename="../../gui/views/history/run_table.py" line="+42"/>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../gui/views/history/run_table.py" line="+1"/>
        <source>bench</source>
        <translation>基准测试</translation>
    </message>
    <message>
        <location filename="../../gui/views/history/run_details.py" line="+1"/>
        <source>dev</source>
        <translation>验证</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location filename="../../gui/views/history/run_table.py" line="+15"/>
        <source>benchmark</source>
        <translation>基准测试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>training run</source>
        <translation>训练运行</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The run&apos;s id in the store</source>
        <translation>该运行在结果库中的 ID</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Double-click (or F2) to rename</source>
        <translation>双击（或按 F2）重命名</translation>
    </message>
    <message>
        <location filename="../../gui/views/history/run_details.py" line="+39"/>
        <location filename="../../gui/views/history/run_table.py" line="+3"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location line="-7"/>
        <location filename="../../gui/views/history/run_table.py" line="+6"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../gui/views/history/run_table.py" line="+6"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../gui/views/history/run_details.py" line="+22"/>
        <location filename="../../gui/views/history/run_table.py" line="+6"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../gui/views/history/run_table.py" line="+11"/>
        <source>Epochs done / planned</source>
        <translation>已完成轮数 / 计划轮数</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Test acc.</source>
        <translation>测试准确率</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Accuracy on the test set</source>
        <translation>在测试集上的准确率</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Samples/s</source>
        <translation>样本/秒</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Suanli score of the run&apos;s score card</source>
        <translation>该运行评分卡的算力分数</translation>
    </message>
    <message>
        <location filename="../../gui/views/history/qt_history_view.py" line="+559"/>
        <location filename="../../gui/views/history/run_details.py" line="+3"/>
        <location filename="../../gui/views/history/run_table.py" line="+3"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../gui/views/history/run_table.py" line="+4"/>
        <source>Double-click (or F2) to edit; separate tags with commas</source>
        <translation>双击（或按 F2）编辑；多个标签用逗号分隔</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/card_import.py" line="+23"/>
        <source>{count} imported</source>
        <translation>已导入 {count} 张</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{count} already stored</source>
        <translation>{count} 张已存在</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{count} rejected — {message}</source>
        <translation>{count} 张被拒绝 — {message}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score cards: {parts}</source>
        <translation>评分卡：{parts}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Import score cards</source>
        <translation>导入评分卡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score cards (*.json);;All files (*)</source>
        <translation>评分卡 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../gui/views/history/run_details.py" line="-30"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Engine run id</source>
        <translation>引擎运行 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ended</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wall time</source>
        <translation>总用时</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Training time</source>
        <translation>训练时间</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Samples seen</source>
        <translation>已处理样本数</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Model parameters</source>
        <translation>模型参数量</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>config: {key}</source>
        <translation>配置：{key}</translation>
    </message>
    <message>
        <location filename="../../gui/views/history/qt_history_view.py" line="-365"/>
        <source>{what}: {error}</source>
        <translation>{what}：{error}</translation>
    </message>
    <message>
        <location line="+58"/>
        <location line="+21"/>
        <source>The results store cannot be read</source>
        <translation>无法读取结果库</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{shown} of {total} runs</source>
        <translation>{shown} / {total} 次运行</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{count} run</source>
        <translation>{count} 次运行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} runs</source>
        <translation>{count} 次运行</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Run {run} cannot be read</source>
        <translation>无法读取运行 {run}</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Run {run} was not renamed</source>
        <translation>运行 {run} 未能重命名</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The tags of run {run} were not changed</source>
        <translation>运行 {run} 的标签未能修改</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+23"/>
        <source>Run {run} was not deleted</source>
        <translation>运行 {run} 未能删除</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Delete run?</source>
        <translation>删除运行？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete run {run} ({name}, {model} on {dataset}, started {started})?

Its metrics, test report, score card and checkpoints are removed. This cannot be undone.</source>
        <translation>删除运行 {run}（{name}，{model}，数据集 {dataset}，开始于 {started}）？

它的指标、测试报告、评分卡和检查点都将被删除。此操作无法撤销。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Run {run} deleted with its checkpoints.</source>
        <translation>运行 {run} 及其检查点已删除。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run {run} deleted.</source>
        <translation>运行 {run} 已删除。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The score card was not exported</source>
        <translation>评分卡未能导出</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run {run}&apos;s score card exported to {path}.</source>
        <translation>运行 {run} 的评分卡已导出到 {path}。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Score cards were not imported</source>
        <translation>评分卡未能导入</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Rename run</source>
        <translation>重命名运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A name for run {run}:</source>
        <translation>运行 {run} 的名称：</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Tags of run {run}, separated by commas:</source>
        <translation>运行 {run} 的标签，用逗号分隔：</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>Delete runs?</source>
        <translation>删除运行？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete the {count} selected runs ({ids})?

Their metrics, test reports, score cards and checkpoints are removed. This cannot be undone.</source>
        <translation>删除选中的 {count} 次运行（{ids}）？

它们的指标、测试报告、评分卡和检查点都会被删除。此操作无法撤销。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Run {run}&apos;s report saved to {path}.</source>
        <translation>运行 {run} 的报告已保存到 {path}。</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Tags of the {count} selected runs, separated by commas (tags only some of them have are kept):</source>
        <translation>选中的 {count} 次运行的共同标签，用逗号分隔（只有部分运行带有的标签会保留）：</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>The report was not exported</source>
        <translation>报告未导出</translation>
    </message>
    <message>
        <location filename="../../gui/views/history/run_table.py" line="-47"/>
        <source>Val. acc.</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Validation accuracy after the last epoch: on the dev (validation) set, images held out from training to check progress</source>
        <translation>最后一轮结束后的验证准确率：在验证集上测得，验证集是留出不参与训练、用来检查进展的图像</translation>
    </message>
</context>
<context>
    <name>QtLogPanel</name>
    <message>
        <location filename="../../gui/widgets/qt_message_views.py" line="-46"/>
        <source>WARNING</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ERROR</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Messages from Suanli appear here.</source>
        <translation>算力的消息显示在这里。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Copy command</source>
        <translation>复制命令</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Copy the command for a terminal: {command}</source>
        <translation>复制在终端中使用的命令：{command}</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>“Copy command”</source>
        <translation>“复制命令”</translation>
    </message>
</context>
<context>
    <name>QtMainWindow</name>
    <message>
        <location filename="../../gui/window/qt_window_tabs.py" line="+18"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evaluation</source>
        <translation>评估</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Benchmark</source>
        <translation>基准测试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compression</source>
        <translation>模型压缩</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <location filename="../../gui/window/qt_main_window.py" line="+81"/>
        <source>Suanli 算力 — compute-power workbench</source>
        <translation>算力 Suanli — 算力工作台</translation>
    </message>
    <message>
        <location filename="../../gui/window/qt_window_tabs.py" line="+11"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location filename="../../gui/window/qt_main_window.py" line="+53"/>
        <location line="+100"/>
        <source>Loading TensorFlow…</source>
        <translation>正在加载 TensorFlow…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Device telemetry is not available in this build ({error}).</source>
        <translation>此版本不支持设备遥测（{error}）。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>TensorFlow could not be loaded: {error}</source>
        <translation>无法加载 TensorFlow：{error}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TensorFlow could not be loaded, so training cannot start: {error}</source>
        <translation>无法加载 TensorFlow，因此无法开始训练：{error}</translation>
    </message>
    <message>
        <location filename="../../gui/window/jobs.py" line="+334"/>
        <source>The benchmark failed: {message}</source>
        <translation>基准测试失败：{message}</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>The compression lab failed: {message}</source>
        <translation>压缩实验失败：{message}</translation>
    </message>
    <message>
        <location line="-243"/>
        <source>The run failed: {message}</source>
        <translation>运行失败：{message}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Start: {model} on {dataset}, {epochs} epoch(s), batch {batch}, {optimizer} lr {lr}, device {device}.</source>
        <translation>开始：{model}，数据集 {dataset}，{epochs} 轮，批大小 {batch}，{optimizer} 学习率 {lr}，设备 {device}。</translation>
    </message>
    <message>
        <location line="-108"/>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location line="+273"/>
        <source>Resume: run {run}, from its last saved epoch.</source>
        <translation>继续：运行 {run}，从最后保存的轮次开始。</translation>
    </message>
    <message>
        <location line="-145"/>
        <source>Training… the test report appears here when the run ends.</source>
        <translation>训练中… 运行结束后测试报告会显示在这里。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Preparing: loading data and building the model…</source>
        <translation>准备中：正在加载数据并构建模型…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Paused. Resume to go on.</source>
        <translation>已暂停。点“继续”接着训练。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Stopping after this batch…</source>
        <translation>将在本批次结束后停止…</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../../gui/window/qt_main_window.py" line="+157"/>
        <source>Stopping</source>
        <translation>正在停止</translation>
    </message>
    <message>
        <location filename="../../gui/window/jobs.py" line="-103"/>
        <source>The run failed; see the message above.</source>
        <translation>运行失败；请查看上方的消息。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The run failed, so there is no test report.</source>
        <translation>运行失败，因此没有测试报告。</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Benchmarking</source>
        <translation>基准测试中</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Benchmark started (quick suite).</source>
        <translation>基准测试已开始（快速套件）。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Compressing</source>
        <translation>压缩中</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Compression lab started: {model} on {dataset}, {epochs} epoch(s) per stage, sparsity {sparsity}, T = {temperature}, alpha = {alpha}, device {device}.</source>
        <translation>压缩实验已开始：{model}，数据集 {dataset}，每阶段 {epochs} 轮，稀疏度 {sparsity}，T = {temperature}，alpha = {alpha}，设备 {device}。</translation>
    </message>
    <message>
        <location line="-181"/>
        <source>Epoch {epoch}/{epochs} · step {step}/{steps} · {speed} samples/s · ETA {eta}</source>
        <translation>第 {epoch}/{epochs} 轮 · 第 {step}/{steps} 步 · {speed} 样本/秒 · 预计剩余 {eta}</translation>
    </message>
    <message>
        <location line="+123"/>
        <source>A benchmark is in progress. Stop it and close Suanli?</source>
        <translation>基准测试正在进行。要停止并关闭算力吗？</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>A compression lab run is in progress. Stop it and close Suanli?</source>
        <translation>压缩实验正在进行。要停止并关闭算力吗？</translation>
    </message>
    <message>
        <location line="-243"/>
        <source>A training run is in progress. Stop it and close Suanli?</source>
        <translation>训练正在进行。要停止并关闭算力吗？</translation>
    </message>
    <message>
        <location filename="../../gui/window/qt_main_window.py" line="+60"/>
        <source>Stop and close?</source>
        <translation>停止并关闭？</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Closing after the current step…</source>
        <translation>将在当前步骤结束后关闭…</translation>
    </message>
    <message>
        <location filename="../../gui/window/view_menu.py" line="+26"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Automatic (as the system)</source>
        <translation>自动（跟随系统）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Welcome…</source>
        <translation>欢迎…</translation>
    </message>
    <message>
        <location filename="../../gui/window/qt_main_window.py" line="+33"/>
        <source>The language changes the next time Suanli starts.</source>
        <translation>语言将在下次启动算力时生效。</translation>
    </message>
    <message>
        <location line="-131"/>
        <source>Stop the running job now? What it measured so far is kept; a training run can be resumed from its last finished epoch.</source>
        <translation>现在停止正在运行的任务吗？已测得的结果会保留；训练运行可以从最后完成的一轮继续。</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Stop?</source>
        <translation>停止？</translation>
    </message>
    <message>
        <location filename="../../gui/window/layout.py" line="+47"/>
        <source>Hide the run form</source>
        <translation>隐藏运行表单</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the run form</source>
        <translation>显示运行表单</translation>
    </message>
    <message>
        <location filename="../../gui/window/jobs.py" line="+157"/>
        <source>Epoch {epoch}: training loss {train_loss}, accuracy {train_acc} % · validation loss {dev_loss}, accuracy {dev_acc} % · {speed} samples/s.</source>
        <translation>第 {epoch} 轮：训练损失 {train_loss}，准确率 {train_acc} % · 验证损失 {dev_loss}，准确率 {dev_acc} % · {speed} 样本/秒。</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>{model} ({parameters} parameters) on {source}: {train} training / {dev} validation / {test} test images, device {device}.</source>
        <translation>{model}（{parameters} 个参数），数据 {source}：训练 {train} / 验证 {dev} / 测试 {test} 张图像，设备 {device}。</translation>
    </message>
</context>
<context>
    <name>QtPlotPanel</name>
    <message>
        <location filename="../../gui/widgets/qt_plot_panel.py" line="+120"/>
        <source>Save PNG…</source>
        <translation>保存 PNG…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save this plot as a PNG image</source>
        <translation>将此图保存为 PNG 图像</translation>
    </message>
    <message>
        <location line="+184"/>
        <source>Save {title} as PNG</source>
        <translation>将“{title}”保存为 PNG</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
</context>
<context>
    <name>QtResumeDialog</name>
    <message>
        <location filename="../../gui/widgets/qt_resume_dialog.py" line="+25"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Epochs done</source>
        <translation>已完成轮数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stopped with the Stop button (or Ctrl-C on the command line)</source>
        <translation>用“停止”按钮停止（或在命令行中按 Ctrl-C）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The program ended while the run was going (closed, crashed or killed)</source>
        <translation>运行进行中程序就结束了（被关闭、崩溃或被终止）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The run ended with an error</source>
        <translation>运行因错误而结束</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Resume a run</source>
        <translation>继续运行</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pick a run to go on with from its last saved epoch. It keeps its own settings and its run id; the plots continue where it stopped.</source>
        <translation>选择一次运行，从最后保存的轮次继续。它保留自己的设置和运行 ID；曲线会从停止处接着画。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>{done} of {total}</source>
        <translation>{done} / {total}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Run {run}</source>
        <translation>运行 {run}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>There is no stopped or interrupted run with a saved epoch to resume. A run can be resumed when “Checkpoints” was on and at least one epoch finished.</source>
        <translation>没有可继续的已停止或已中断且保存了轮次的运行。只有开启了“检查点”且至少完成一轮的运行才能继续。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>folder {name}</source>
        <translation>文件夹 {name}</translation>
    </message>
</context>
<context>
    <name>QtRunActions</name>
    <message>
        <location filename="../../gui/views/history/qt_run_actions.py" line="+136"/>
        <source>A running run cannot be deleted; stop it first</source>
        <translation>无法删除正在进行的运行；请先停止它</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>Add score cards from other machines (JSON files) to compare them</source>
        <translation>添加其他机器的评分卡（JSON 文件）以便比较</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Copy command</source>
        <translation>复制命令</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Copy the command that shows this run in a terminal (python -m engine …)</source>
        <translation>复制在终端中显示此运行的命令（python -m engine …）</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Delete the selected runs with their checkpoints (asks first)</source>
        <translation>删除选中的运行及其检查点（会先询问）</translation>
    </message>
    <message>
        <location line="-84"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <location line="+147"/>
        <source>Export run {run}</source>
        <translation>导出运行 {run}</translation>
    </message>
    <message>
        <location line="-141"/>
        <source>Give the selected run a name (or double-click it)</source>
        <translation>给选中的运行命名（或双击它）</translation>
    </message>
    <message>
        <location line="+136"/>
        <source>HTML report (*.html *.htm)</source>
        <translation>HTML 报告 (*.html *.htm)</translation>
    </message>
    <message>
        <location line="-137"/>
        <source>Import cards…</source>
        <translation>导入评分卡…</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Save the selected run as an HTML report (plots, test report, score card) or, for a benchmark, its score card as JSON</source>
        <translation>把选中的运行保存为 HTML 报告（曲线、测试报告、评分卡）；基准测试也可把评分卡保存为 JSON</translation>
    </message>
    <message>
        <location line="+131"/>
        <source>Score card (*.json)</source>
        <translation>评分卡 (*.json)</translation>
    </message>
    <message>
        <location line="-135"/>
        <source>Set the tags of the selected runs (words to find them by)</source>
        <translation>设置选中运行的标签（用来查找它们的词）</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Tags…</source>
        <translation>标签…</translation>
    </message>
</context>
<context>
    <name>QtRunDetail</name>
    <message>
        <location filename="../../gui/views/history/qt_run_detail.py" line="+82"/>
        <source>Select a run to see its curves, test report and score card.</source>
        <translation>选择一次运行，查看其曲线、测试报告和评分卡。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Measured</source>
        <translation>测量项</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test report</source>
        <translation>测试报告</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Select a run to see its test report.</source>
        <translation>选择一次运行以查看其测试报告。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{model} on {dataset}</source>
        <translation>{model}，数据集 {dataset}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Run {run} · {name} · {what} · {status} · started {started}</source>
        <translation>运行 {run} · {name} · {what} · {status} · 开始于 {started}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>A benchmark has no test report; its figures are on the Score card tab.</source>
        <translation>基准测试没有测试报告；其数据在“评分卡”标签页中。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This run {status} before its test evaluation, so there is no test report.</source>
        <translation>这次运行在测试评估之前{status}，因此没有测试报告。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The stored test report cannot be shown ({error}).</source>
        <translation>无法显示已保存的测试报告（{error}）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>This run has no score card (score cards come from benchmark runs).</source>
        <translation>这次运行没有评分卡（评分卡来自基准测试运行）。</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>This run&apos;s own scores (score cards come from benchmark runs).</source>
        <translation>这次运行自己的分数（评分卡来自基准测试运行）。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Score card card:{card} · Suanli score {score} · suite {suite} · created {created}</source>
        <translation>评分卡 card:{card} · 算力分数 {score} · 套件 {suite} · 创建于 {created}</translation>
    </message>
</context>
<context>
    <name>QtRunDevicePlots</name>
    <message>
        <location filename="../../gui/views/history/qt_run_device.py" line="+93"/>
        <source>No device telemetry was stored with this run: runs recorded before Suanli kept it, and benchmarks, have none.</source>
        <translation>此运行没有保存设备遥测：算力开始保存遥测之前记录的运行以及基准测试都没有遥测。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{count} telemetry samples over {seconds} s.</source>
        <translation>{count} 个遥测样本，历时 {seconds} 秒。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>One sample in {stride} was kept.</source>
        <translation>每 {stride} 个样本保留 1 个。</translation>
    </message>
</context>
<context>
    <name>QtRunFilters</name>
    <message>
        <location filename="../../gui/views/history/qt_run_filters.py" line="+30"/>
        <source>Search name, model or dataset</source>
        <translation>搜索名称、模型或数据集</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>All datasets</source>
        <translation>全部数据集</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All devices</source>
        <translation>全部设备</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Any tag</source>
        <translation>任意标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the results store again</source>
        <translation>重新读取结果库</translation>
    </message>
</context>
<context>
    <name>QtRunForm</name>
    <message>
        <location filename="../../gui/wording.py" line="-170"/>
        <source>MNIST (handwritten digits)</source>
        <translation>MNIST（手写数字）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fashion-MNIST (clothing)</source>
        <translation>Fashion-MNIST（服饰）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Image folder (your images)</source>
        <translation>图像文件夹（你自己的图像）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Synthetic (generated, no files)</source>
        <translation>合成数据（自动生成，无需文件）</translation>
    </message>
    <message>
        <location filename="../../gui/views/run_form/form_fields.py" line="+20"/>
        <source>Automatic (GPU if there is one)</source>
        <translation>自动（有 GPU 则用 GPU）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Train on the first GPU TensorFlow can use, or on the CPU when there is none</source>
        <translation>在 TensorFlow 可用的第一块 GPU 上训练；没有 GPU 时用 CPU</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Train on the processor, even when a GPU is there</source>
        <translation>即使有 GPU 也在处理器上训练</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train on every GPU at once (MirroredStrategy): each batch is split evenly between the GPUs and their updates are combined</source>
        <translation>同时在所有 GPU 上训练（MirroredStrategy）：每个批次平均分给各 GPU，再合并它们的更新</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The learning rate stays the same for the whole run</source>
        <translation>整个运行期间学习率保持不变</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Step: halve every 2 epochs</source>
        <translation>阶梯：每 2 轮减半</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The learning rate is halved every two epochs</source>
        <translation>每两轮学习率减半</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cosine: down to 0</source>
        <translation>余弦：降到 0</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The learning rate falls smoothly, along a cosine curve, to zero at the last step</source>
        <translation>学习率沿余弦曲线平滑下降，在最后一步降到零</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Stop when the loss on the held-out images stops going down</source>
        <translation>当留出图像上的损失不再下降时停止</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Stop when the accuracy on the held-out images stops going up</source>
        <translation>当留出图像上的准确率不再上升时停止</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>float32 (full)</source>
        <translation>float32（全精度）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every number in 32-bit floating point: the safe default</source>
        <translation>所有数值都用 32 位浮点：稳妥的默认值</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>mixed float16</source>
        <translation>混合 float16</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compute in 16-bit floats, keep the weights in 32-bit: faster and smaller on NVIDIA GPUs with Tensor Cores; usually slower on a CPU</source>
        <translation>用 16 位浮点计算、32 位保存权重：在带 Tensor Core 的 NVIDIA GPU 上更快、更省显存；在 CPU 上通常更慢</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>mixed bfloat16</source>
        <translation>混合 bfloat16</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compute in bfloat16, keep the weights in 32-bit: fast on recent GPUs and on CPUs with bfloat16 support; slower elsewhere</source>
        <translation>用 bfloat16 计算、32 位保存权重：在较新的 GPU 和支持 bfloat16 的 CPU 上很快；其他情况下较慢</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The article&apos;s CNN: Conv2D(32,3x3,relu) &gt; MaxPool(2x2) &gt; Flatten &gt; Dense(10,softmax)</source>
        <translation>文章中的 CNN：Conv2D(32,3x3,ReLU) &gt; MaxPooling2D(2x2) &gt; Flatten &gt; Dense(10,softmax)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The seed CNN with twice the filters (64)</source>
        <translation>滤波器数量加倍（64）的种子 CNN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The seed CNN with half the filters (16)</source>
        <translation>滤波器数量减半（16）的种子 CNN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The seed CNN with two more 3x3 conv layers</source>
        <translation>多两个 3x3 卷积层的种子 CNN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A small residual net (2 residual blocks, GAP)</source>
        <translation>小型残差网络（2 个残差块，全局平均池化）</translation>
    </message>
    <message>
        <location filename="../../gui/views/run_form/data_source.py" line="+39"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../gui/views/run_form/form_fields.py" line="+20"/>
        <source>Download if missing</source>
        <translation>缺失时下载</translation>
    </message>
    <message>
        <location filename="../../gui/views/run_form/qt_run_form.py" line="+105"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../gui/views/run_form/advanced_section.py" line="+55"/>
        <location line="+187"/>
        <source>Advanced settings</source>
        <translation>高级设置</translation>
    </message>
    <message>
        <location line="-181"/>
        <source>Show or hide the settings most runs can leave as they are</source>
        <translation>显示或隐藏大多数运行无需改动的设置</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+186"/>
        <source> epochs</source>
        <translation> 轮</translation>
    </message>
    <message>
        <location line="-180"/>
        <source>Stop at</source>
        <translation>达到即停</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. 0.98</source>
        <translation>例如 0.98</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compile with XLA</source>
        <translation>使用 XLA 编译</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save each epoch (to resume)</source>
        <translation>每轮保存（用于继续）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Log to TensorBoard while training</source>
        <translation>训练时记录到 TensorBoard</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>TensorBoard</source>
        <translation>TensorBoard</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write TensorBoard events as the run trains, one folder per run under {path}; watch them with `tensorboard --logdir {path}`</source>
        <translation>训练时写入 TensorBoard 事件，每次运行一个文件夹，位于 {path} 下；用 `tensorboard --logdir {path}` 查看</translation>
    </message>
    <message>
        <location filename="../../gui/views/run_form/qt_run_controls.py" line="+25"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Train the model with these settings</source>
        <translation>用这些设置训练模型</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+50"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Hold the run after this batch; press again to go on</source>
        <translation>在本批次后暂停运行；再按一次继续</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>End the run after this batch; with checkpoints on, it can be resumed later</source>
        <translation>在本批次后结束运行；开启检查点时之后可以继续</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Resume a run…</source>
        <translation>继续运行…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Go on with a stopped or interrupted run from its last saved epoch: pick it from a list</source>
        <translation>从最后保存的轮次继续一次已停止或中断的运行：从列表中选择</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Ready.</source>
        <translation>就绪。</translation>
    </message>
    <message>
        <location filename="../../gui/views/run_form/qt_run_form.py" line="+76"/>
        <source>Train a model</source>
        <translation>训练模型</translation>
    </message>
    <message>
        <location filename="../../gui/views/run_form/data_source.py" line="+1"/>
        <location line="+45"/>
        <location filename="../../gui/views/run_form/form_fields.py" line="-1"/>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location line="-35"/>
        <location filename="../../gui/views/run_form/form_fields.py" line="-1"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Which images to learn from</source>
        <translation>用哪些图像学习</translation>
    </message>
    <message>
        <location filename="../../gui/views/run_form/form_fields.py" line="+3"/>
        <location filename="../../gui/views/run_form/qt_run_form.py" line="+8"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../gui/views/run_form/qt_run_form.py" line="+0"/>
        <source>The network to train</source>
        <translation>要训练的网络</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many passes over the training images</source>
        <translation>遍历训练图像的次数</translation>
    </message>
    <message>
        <location filename="../../gui/views/run_form/form_fields.py" line="+2"/>
        <location filename="../../gui/views/run_form/qt_run_form.py" line="+2"/>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location filename="../../gui/views/run_form/qt_run_form.py" line="+3"/>
        <source>Images per training step; with several GPUs, this many in total, split between them</source>
        <translation>每个训练步的图像数；多块 GPU 时为总数，平均分给各 GPU</translation>
    </message>
    <message>
        <location filename="../../gui/views/run_form/form_fields.py" line="+1"/>
        <location filename="../../gui/views/run_form/qt_run_form.py" line="+5"/>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location filename="../../gui/views/run_form/qt_run_form.py" line="+2"/>
        <source>How the weights are updated after each step</source>
        <translation>每步之后如何更新权重</translation>
    </message>
    <message>
        <location filename="../../gui/views/run_form/form_fields.py" line="+1"/>
        <location filename="../../gui/views/run_form/qt_run_form.py" line="+3"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../gui/views/run_form/qt_run_form.py" line="+2"/>
        <source>Step size of each update, e.g. 0.001</source>
        <translation>每次更新的步长，例如 0.001</translation>
    </message>
    <message>
        <location filename="../../gui/views/run_form/form_fields.py" line="+1"/>
        <location filename="../../gui/views/run_form/qt_run_form.py" line="+3"/>
        <source>Training images</source>
        <translation>训练图像数</translation>
    </message>
    <message>
        <location filename="../../gui/views/run_form/qt_run_form.py" line="+2"/>
        <source>Use at most this many training images (all = every one)</source>
        <translation>最多使用这么多训练图像（全部 = 使用所有图像）</translation>
    </message>
    <message>
        <location filename="../../gui/views/run_form/form_fields.py" line="+1"/>
        <location filename="../../gui/views/run_form/qt_run_form.py" line="+2"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../gui/views/run_form/qt_run_form.py" line="+0"/>
        <source>Where to train</source>
        <translation>在哪里训练</translation>
    </message>
    <message>
        <location filename="../../gui/views/run_form/advanced_section.py" line="-62"/>
        <location filename="../../gui/views/run_form/form_fields.py" line="+1"/>
        <source>Dev fraction</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share of the training images held out to check progress each epoch (0 to 0.5]</source>
        <translation>从训练图像中留出、用于每轮检查进度的比例（0 到 0.5]</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../../gui/views/run_form/form_fields.py" line="+1"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Makes runs repeatable: same seed, same result</source>
        <translation>让运行可复现：相同的种子，相同的结果</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../gui/views/run_form/form_fields.py" line="+1"/>
        <source>LR schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How the learning rate changes during the run</source>
        <translation>运行期间学习率如何变化</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../gui/views/run_form/form_fields.py" line="+1"/>
        <location line="+1"/>
        <source>Early stopping</source>
        <translation>早停</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Stop when the watched figure has not improved for this many epochs in a row (off = always train every epoch); the test report still runs</source>
        <translation>当监视的指标连续这么多轮没有改善时停止（关闭 = 总是训练完所有轮次）；测试报告照常生成</translation>
    </message>
    <message>
        <location line="+34"/>
        <location filename="../../gui/views/run_form/form_fields.py" line="+1"/>
        <source>Target accuracy</source>
        <translation>目标准确率</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Stop as soon as the accuracy on the held-out images reaches this value, a fraction: 0.98 means 98 %</source>
        <translation>留出图像上的准确率一达到此值就停止，取小数：0.98 表示 98 %</translation>
    </message>
    <message>
        <location line="+31"/>
        <location filename="../../gui/views/run_form/form_fields.py" line="+1"/>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Number format for the computation: 16-bit formats are faster on GPUs made for them</source>
        <translation>计算所用的数值格式：16 位格式在为其设计的 GPU 上更快</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../../gui/views/run_form/form_fields.py" line="+1"/>
        <source>XLA</source>
        <translation>XLA</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Compile the training step with XLA: can be faster on a GPU, but slower on the CPU for this small CNN, and the first steps wait for the compiler</source>
        <translation>用 XLA 编译训练步：在 GPU 上可能更快，但对这个小型 CNN 在 CPU 上更慢，且最初几步要等待编译</translation>
    </message>
    <message>
        <location line="-91"/>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <location line="+98"/>
        <location filename="../../gui/views/run_form/form_fields.py" line="+1"/>
        <source>Steps per call</source>
        <translation>每次调用步数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Training steps run in one compiled call (auto: enough for about 0.1 s a call); every batch is still plotted, and Stop answers within one call</source>
        <translation>一次编译调用中执行的训练步数（自动：足够让每次调用约 0.1 秒）；每个批次仍会绘制，停止会在一次调用内响应</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../../gui/views/run_form/form_fields.py" line="+1"/>
        <source>Checkpoints</source>
        <translation>检查点</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the model after every epoch (the last two are kept), so a stopped or interrupted run can be resumed; off saves a little time and disk</source>
        <translation>每轮结束后保存模型（保留最近两个），以便继续已停止或中断的运行；关闭可节省少量时间和磁盘空间</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>What early stopping watches: loss or accuracy on held-out images</source>
        <translation>早停监视的指标：留出图像上的损失或准确率</translation>
    </message>
    <message>
        <location filename="../../gui/views/run_form/data_source.py" line="+9"/>
        <source>When the files are not found, download them from the Keras mirror (MNIST about 11 MB, Fashion-MNIST about 30 MB), check them and keep them in Suanli&apos;s data folder</source>
        <translation>找不到文件时，从 Keras 镜像下载（MNIST 约 11 MB，Fashion-MNIST 约 30 MB），校验后保存在算力的数据文件夹中</translation>
    </message>
    <message>
        <location filename="../../gui/views/run_form/qt_run_form.py" line="+137"/>
        <source>Train on this GPU only</source>
        <translation>只在这块 GPU 上训练</translation>
    </message>
    <message>
        <location filename="../../gui/views/run_form/advanced_section.py" line="+24"/>
        <source>Advanced settings · {n} changed</source>
        <translation>高级设置 · 已改 {n} 项</translation>
    </message>
    <message>
        <location filename="../../gui/views/run_form/qt_run_controls.py" line="+23"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../gui/views/run_form/data_source.py" line="+22"/>
        <source>Image folder</source>
        <translation>图像文件夹</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>choose a folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The folder of your images: one subfolder per class (cat/, dog/, …), PNG, JPEG, BMP or GIF files inside</source>
        <translation>你的图像所在的文件夹：每个类别一个子文件夹（cat/、dog/、…），其中为 PNG、JPEG、BMP 或 GIF 文件</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Folder with the dataset files; empty = look in $SUANLI_DATA_DIR, then in Suanli&apos;s own data folder</source>
        <translation>存放数据集文件的文件夹；留空 = 先在 $SUANLI_DATA_DIR 中查找，再在算力自己的数据文件夹中查找</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose the image folder</source>
        <translation>选择图像文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the folder that holds the dataset files</source>
        <translation>选择存放数据集文件的文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/views/run_form/advanced_section.py" line="+17"/>
        <source> epoch</source>
        <translation> 轮</translation>
    </message>
    <message>
        <location filename="../../gui/views/run_form/data_source.py" line="+19"/>
        <source>Image folder (one subfolder per class)</source>
        <translation>图像文件夹（每个类别一个子文件夹）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folder with the dataset files</source>
        <translation>存放数据集文件的文件夹</translation>
    </message>
</context>
<context>
    <name>QtRunPlots</name>
    <message>
        <location filename="../../gui/views/history/qt_run_plots.py" line="+78"/>
        <source>A benchmark: it trains no epochs of its own, so there are no training curves. Its figures are on the Score card tab.</source>
        <translation>这是一次基准测试：它本身不训练任何轮次，因此没有训练曲线。其数据在“评分卡”标签页中。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No epoch or batch of this run was recorded.</source>
        <translation>这次运行没有记录任何轮次或批次。</translation>
    </message>
</context>
<context>
    <name>QtScorePanel</name>
    <message>
        <location filename="../../gui/widgets/qt_score_panel.py" line="+70"/>
        <source>Achieved FLOP/s</source>
        <translation>实际 FLOP/s</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Samples/s</source>
        <translation>样本/秒</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Samples/J</source>
        <translation>样本/焦耳</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>training FLOPs done per second</source>
        <translation>每秒完成的训练 FLOPs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>training samples per second</source>
        <translation>每秒训练样本数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>training samples per joule of GPU energy</source>
        <translation>每焦耳 GPU 能耗的训练样本数</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>not measured yet</source>
        <translation>尚未测量</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>measured</source>
        <translation>已测量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not available on this machine</source>
        <translation>本机不可用</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>live, this epoch</source>
        <translation>实时，本轮</translation>
    </message>
    <message>
        <location line="-113"/>
        <source>AI算力 (AI compute power), from the article “AI算力” on the compute power of AI: (training FLOPs C + inference FLOPs R) / model size in bytes S</source>
        <translation>AI算力，出自关于 AI 计算能力的文章《AI算力》：（训练浮点运算量 C + 推理浮点运算量 R）/ 模型字节数 S</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>this run, as in History</source>
        <translation>本次运行，与“历史”一致</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>by the benchmark</source>
        <translation>来自基准测试</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>AI算力 (C+R)/S</source>
        <translation>AI算力 (C+R)/S</translation>
    </message>
</context>
<context>
    <name>QtTrainingPlots</name>
    <message>
        <location filename="../../gui/widgets/qt_training_plots.py" line="+53"/>
        <source>Time</source>
        <translation>用时</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>train (smoothed)</source>
        <translation>训练（平滑）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>train, epoch</source>
        <translation>训练，每轮</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>smoothed</source>
        <translation>平滑</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>epoch average</source>
        <translation>每轮平均</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Finished epochs</source>
        <translation>已完成的轮次</translation>
    </message>
    <message>
        <location line="-138"/>
        <source>Accuracy on the training images during the epoch</source>
        <translation>本轮训练图像上的准确率</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Accuracy on the validation (“dev”) set: images held out from training to check progress after each epoch</source>
        <translation>验证集上的准确率：验证集是留出不参与训练、在每轮之后用来检查进展的图像</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>How long the epoch took</source>
        <translation>本轮用时</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Loss on the training images, averaged over the epoch</source>
        <translation>训练图像上的损失，本轮平均</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loss on the validation (“dev”) set: images held out from training to check progress after each epoch</source>
        <translation>验证集上的损失：验证集是留出不参与训练、在每轮之后用来检查进展的图像</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Samples
/s</source>
        <translation>样本
/秒</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Train
acc.</source>
        <translation>训练
准确率</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Train
loss</source>
        <translation>训练
损失</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Training images per second over the whole epoch</source>
        <translation>整轮平均每秒训练的图像数</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Val.
acc.</source>
        <translation>验证
准确率</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Val.
loss</source>
        <translation>验证
损失</translation>
    </message>
    <message>
        <location line="+84"/>
        <source>validation, epoch</source>
        <translation>验证，每轮</translation>
    </message>
</context>
<context>
    <name>RunTableModel</name>
    <message>
        <location filename="../../gui/views/history/run_table.py" line="+116"/>
        <source>engine run id {uid} · {kind}</source>
        <translation>引擎运行 ID {uid} · {kind}</translation>
    </message>
</context>
<context>
    <name>_Tile</name>
    <message>
        <location filename="../../gui/widgets/qt_score_panel.py" line="+46"/>
        <source>not measured yet</source>
        <translation>尚未测量</translation>
    </message>
</context>
</TS>
