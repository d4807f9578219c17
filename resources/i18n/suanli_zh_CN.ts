<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>HelpTexts</name>
    <message>
        <location filename="../../gui/help_texts.py" line="+21"/>
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
        <location line="+5"/>
        <source>Suanli score</source>
        <translation>算力分数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How this machine compares with the reference machine, over the sub-scores that count: training and inference samples per second (and training samples per joule where the GPU reports energy). 1000 = the reference machine; twice as fast on every sub-score = 2000. Not available while the reference profile holds no measured values.</source>
        <translation>这台机器与参考机器相比的综合结果，依据计入综合分的子分数：训练和推理的每秒样本数（GPU 能报告能耗时，还包括每焦耳训练样本数）。1000 = 参考机器；每个子分数都快一倍 = 2000。参考配置中还没有实测数值时不可用。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>1000 × geometric mean of r_i, where r_i = measured / reference (reference / measured when lower is better)</source>
        <translation>1000 × r_i 的几何平均，其中 r_i = 实测值 / 参考值（越低越好的项为 参考值 / 实测值）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Training throughput</source>
        <translation>训练吞吐量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Training samples processed per second (the median of repeated measurement windows). Part of the Suanli score.</source>
        <translation>每秒处理的训练样本数（多次测量窗口的中位数）。计入算力分数。</translation>
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
        <location line="+1"/>
        <source>The article&apos;s figure: floating-point operations of training and of testing, per byte of model. It describes the workload (model and data), not the machine, so it is not part of the Suanli score.</source>
        <translation>文章中的指标：训练和测试的浮点运算量除以模型的字节数。它描述的是工作负载（模型和数据），而不是机器，因此不计入算力分数。</translation>
    </message>
    <message>
        <location line="+6"/>
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
</context>
</TS>
