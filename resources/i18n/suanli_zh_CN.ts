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
<context>
    <name>QtBenchmarkView</name>
    <message>
        <location filename="../../gui/qt_benchmark_view.py" line="+108"/>
        <source>Measures how fast this machine trains and runs the Suanli CNN with a short, fixed workload, and sums it up in a score card you can compare with other machines.</source>
        <translation>用一段简短、固定的工作负载测量这台机器训练和运行算力 CNN 的速度，并汇总成一张可与其他机器对比的评分卡。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Benchmark this machine</source>
        <translation>对本机进行基准测试</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Ready.</source>
        <translation>就绪。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Score card</source>
        <translation>评分卡</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>The benchmark was stopped; the card shows what was measured.</source>
        <translation>基准测试已停止；评分卡显示已测得的结果。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>not available</source>
        <translation>不可用</translation>
    </message>
</context>
<context>
    <name>QtCompareView</name>
    <message>
        <location filename="../../gui/qt_compare_view.py" line="+178"/>
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
        <location line="+15"/>
        <source>Relative to the baseline</source>
        <translation>相对于基准</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>× baseline (log scale)</source>
        <translation>× 基准（对数刻度）</translation>
    </message>
    <message>
        <location line="+35"/>
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
        <location line="+19"/>
        <source>Environment (differences in bold)</source>
        <translation>环境（差异以粗体显示）</translation>
    </message>
    <message>
        <location line="+186"/>
        <source>No score cards yet: run a benchmark (Benchmark tab), or import cards exported on other machines.</source>
        <translation>还没有评分卡：请运行基准测试（“基准测试”标签页），或导入在其他机器上导出的评分卡。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Tick two or more cards to compare them.</source>
        <translation>勾选两张或更多评分卡进行对比。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source> · lower is better</source>
        <translation> · 越低越好</translation>
    </message>
    <message>
        <location line="+167"/>
        <source>differs between the cards</source>
        <translation>各评分卡之间不同</translation>
    </message>
</context>
<context>
    <name>QtCompressionView</name>
    <message>
        <location filename="../../gui/qt_compression_view.py" line="+471"/>
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
        <source>Advanced ▸</source>
        <translation>高级 ▸</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location line="+3"/>
        <source>Run compression lab</source>
        <translation>运行压缩实验</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Ready.</source>
        <translation>就绪。</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Variants</source>
        <translation>变体</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Loading the data and building the models…</source>
        <translation>正在加载数据并构建模型…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Stopping after this batch…</source>
        <translation>将在本批次结束后停止…</translation>
    </message>
</context>
<context>
    <name>QtDeviceView</name>
    <message>
        <location filename="../../gui/qt_device_view.py" line="+70"/>
        <source>Looking at this machine…</source>
        <translation>正在检测本机…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Waiting for the first telemetry sample…</source>
        <translation>正在等待第一个遥测样本…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>CPU load</source>
        <translation>CPU 负载</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>% of all cores</source>
        <translation>占全部核心的 %</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>whole machine</source>
        <translation>整机</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>RAM</source>
        <translation>内存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>used</source>
        <translation>已用</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>installed</source>
        <translation>总量</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>GPU utilisation</source>
        <translation>GPU 利用率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GPU memory</source>
        <translation>GPU 显存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GPU temperature</source>
        <translation>GPU 温度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GPU power</source>
        <translation>GPU 功率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GPU clock (% of max)</source>
        <translation>GPU 频率（占最高的 %）</translation>
    </message>
</context>
<context>
    <name>QtErrorBanner</name>
    <message>
        <location filename="../../gui/qt_message_views.py" line="+24"/>
        <source>Hide this message</source>
        <translation>隐藏此消息</translation>
    </message>
</context>
<context>
    <name>QtEvaluationView</name>
    <message>
        <location filename="../../gui/qt_evaluation_view.py" line="+53"/>
        <source>Train a model to see how it does on the test set.</source>
        <translation>训练一个模型，查看它在测试集上的表现。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+48"/>
        <source>Misclassified test images</source>
        <translation>分类错误的测试图像</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Classification report (test set)</source>
        <translation>分类报告（测试集）</translation>
    </message>
</context>
<context>
    <name>QtHistoryView</name>
    <message>
        <location filename="../../gui/qt_history_view.py" line="+669"/>
        <source>Search name, model or dataset</source>
        <translation>搜索名称、模型或数据集</translation>
    </message>
    <message>
        <location line="+8"/>
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
        <location line="+2"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the store again (python -m engine runs list)</source>
        <translation>重新读取结果库（python -m engine runs list）</translation>
    </message>
    <message>
        <location line="+46"/>
        <location line="+276"/>
        <source>Select a run to see its curves, test report and score card.</source>
        <translation>选择一次运行，查看其曲线、测试报告和评分卡。</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test report</source>
        <translation>测试报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score card</source>
        <translation>评分卡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Select a run to see its test report.</source>
        <translation>选择一次运行以查看其测试报告。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>A benchmark has no test report; its figures are on the Score card tab.</source>
        <translation>基准测试没有测试报告；其数据在“评分卡”标签页中。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>This run has no score card (score cards come from benchmark runs).</source>
        <translation>这次运行没有评分卡（评分卡来自基准测试运行）。</translation>
    </message>
</context>
<context>
    <name>QtLivePlots</name>
    <message>
        <location filename="../../gui/qt_live_plots.py" line="+52"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <location line="+6"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>samples/s</source>
        <translation>样本/秒</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>train (smoothed)</source>
        <translation>训练（平滑）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>train, epoch</source>
        <translation>训练，每轮</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>dev, epoch</source>
        <translation>验证，每轮</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>per batch</source>
        <translation>每批次</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>epoch average</source>
        <translation>每轮平均</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Finished epochs</source>
        <translation>已完成的轮次</translation>
    </message>
</context>
<context>
    <name>QtLogPanel</name>
    <message>
        <location filename="../../gui/qt_message_views.py" line="+22"/>
        <source>Messages from Suanli appear here.</source>
        <translation>算力的消息显示在这里。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Log</source>
        <translation>日志</translation>
    </message>
</context>
<context>
    <name>QtMainWindow</name>
    <message>
        <location filename="../../gui/qt_main_window.py" line="+61"/>
        <location line="+383"/>
        <location line="+51"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="-433"/>
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
        <location line="+31"/>
        <source>Suanli 算力 — compute-power workbench</source>
        <translation>算力 Suanli — 算力工作台</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+91"/>
        <source>Loading TensorFlow…</source>
        <translation>正在加载 TensorFlow…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Device telemetry is not available in this build ({error}).</source>
        <translation>此版本不支持设备遥测（{error}）。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>TensorFlow could not be loaded: {error}</source>
        <translation>无法加载 TensorFlow：{error}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>TensorFlow could not be loaded, so training cannot start: {error}</source>
        <translation>无法加载 TensorFlow，因此无法开始训练：{error}</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>The benchmark failed: {message}</source>
        <translation>基准测试失败：{message}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The compression lab failed: {message}</source>
        <translation>压缩实验失败：{message}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The run failed: {message}</source>
        <translation>运行失败：{message}</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Start: {model} on {dataset}, {epochs} epoch(s), batch {batch}, {optimizer} lr {lr}, device {device}.</source>
        <translation>开始：{model}，数据集 {dataset}，{epochs} 轮，批大小 {batch}，{optimizer} 学习率 {lr}，设备 {device}。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Resume: run {run}, from its last saved epoch.</source>
        <translation>继续：运行 {run}，从最后保存的轮次开始。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Training… the test report appears here when the run ends.</source>
        <translation>训练中… 运行结束后测试报告会显示在这里。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Preparing: loading data and building the model…</source>
        <translation>准备中：正在加载数据并构建模型…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{model} ({parameters} parameters) on {source}: {train} train / {dev} dev / {test} test images, device {device}.</source>
        <translation>{model}（{parameters} 个参数），数据 {source}：训练 {train} / 验证 {dev} / 测试 {test} 张图像，设备 {device}。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Epoch {epoch}: train loss {train_loss}, accuracy {train_acc} % · dev loss {dev_loss}, accuracy {dev_acc} % · {speed} samples/s.</source>
        <translation>第 {epoch} 轮：训练损失 {train_loss}，准确率 {train_acc} % · 验证损失 {dev_loss}，准确率 {dev_acc} % · {speed} 样本/秒。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Paused. Resume to go on.</source>
        <translation>已暂停。点“继续”接着训练。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Stopping after this batch…</source>
        <translation>将在本批次结束后停止…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stopping</source>
        <translation>正在停止</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The run failed; see the message above.</source>
        <translation>运行失败；请查看上方的消息。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The run failed, so there is no test report.</source>
        <translation>运行失败，因此没有测试报告。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Benchmarking</source>
        <translation>基准测试中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Benchmark started (quick suite).</source>
        <translation>基准测试已开始（快速套件）。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Compressing</source>
        <translation>压缩中</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Compression lab started: {model} on {dataset}, {epochs} epoch(s) per stage, sparsity {sparsity}, T = {temperature}, alpha = {alpha}, device {device}.</source>
        <translation>压缩实验已开始：{model}，数据集 {dataset}，每阶段 {epochs} 轮，稀疏度 {sparsity}，T = {temperature}，alpha = {alpha}，设备 {device}。</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Epoch {epoch}/{epochs} · step {step}/{steps} · {speed} samples/s · ETA {eta}</source>
        <translation>第 {epoch}/{epochs} 轮 · 第 {step}/{steps} 步 · {speed} 样本/秒 · 预计剩余 {eta}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>A benchmark is in progress. Stop it and close Suanli?</source>
        <translation>基准测试正在进行。要停止并关闭算力吗？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A compression lab run is in progress. Stop it and close Suanli?</source>
        <translation>压缩实验正在进行。要停止并关闭算力吗？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A training run is in progress. Stop it and close Suanli?</source>
        <translation>训练正在进行。要停止并关闭算力吗？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop and close?</source>
        <translation>停止并关闭？</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Closing after the current step…</source>
        <translation>将在当前步骤结束后关闭…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Automatic (as the system)</source>
        <translation>自动（跟随系统）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Welcome…</source>
        <translation>欢迎…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The language changes the next time Suanli starts.</source>
        <translation>语言将在下次启动算力时生效。</translation>
    </message>
</context>
<context>
    <name>QtPlotPanel</name>
    <message>
        <location filename="../../gui/qt_plot_panel.py" line="+100"/>
        <source>Save PNG…</source>
        <translation>保存 PNG…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save this plot as a PNG image</source>
        <translation>将此图保存为 PNG 图像</translation>
    </message>
    <message>
        <location line="+164"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
</context>
<context>
    <name>QtResumeDialog</name>
    <message>
        <location filename="../../gui/qt_resume_dialog.py" line="+41"/>
        <source>Resume a run</source>
        <translation>继续运行</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pick a run to go on with from its last saved epoch. It keeps its own settings and its run id; the plots continue where it stopped.</source>
        <translation>选择一次运行，从最后保存的轮次继续。它保留自己的设置和运行 ID；曲线会从停止处接着画。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>There is no stopped or interrupted run with a saved epoch to resume. A run can be resumed when “Checkpoints” was on and at least one epoch finished.</source>
        <translation>没有可继续的已停止或已中断且保存了轮次的运行。只有开启了“检查点”且至少完成一轮的运行才能继续。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
</context>
<context>
    <name>QtRunForm</name>
    <message>
        <location filename="../../gui/qt_run_form.py" line="+44"/>
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
        <location line="+3"/>
        <source>Automatic (GPU if there is one)</source>
        <translation>自动（有 GPU 则用 GPU）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location line="+8"/>
        <source>dev loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop when the loss on the held-out images stops going down</source>
        <translation>当留出图像上的损失不再下降时停止</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>dev accuracy</source>
        <translation>验证准确率</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location line="+77"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Download if missing</source>
        <translation>缺失时下载</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Advanced settings</source>
        <translation>高级设置</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show or hide the settings most runs can leave as they are</source>
        <translation>显示或隐藏大多数运行无需改动的设置</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+494"/>
        <source> epochs</source>
        <translation> 轮</translation>
    </message>
    <message>
        <location line="-488"/>
        <source>Stop at</source>
        <translation>达到即停</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Compile with XLA</source>
        <translation>使用 XLA 编译</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save each epoch (to resume)</source>
        <translation>每轮保存（用于继续）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Train the model with these settings</source>
        <translation>用这些设置训练模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+388"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location line="-387"/>
        <source>Hold the run after this batch; press again to go on</source>
        <translation>在本批次后暂停运行；再按一次继续</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>End the run after this batch; with checkpoints on, it can be resumed later</source>
        <translation>在本批次后结束运行；开启检查点时之后可以继续</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resume a run…</source>
        <translation>继续运行…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Go on with a stopped or interrupted run from its last saved epoch: pick it from a list</source>
        <translation>从最后保存的轮次继续一次已停止或中断的运行：从列表中选择</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Ready.</source>
        <translation>就绪。</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Train a model</source>
        <translation>训练模型</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+316"/>
        <source>Data folder</source>
        <translation>数据文件夹</translation>
    </message>
    <message>
        <location line="-314"/>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Which images to learn from</source>
        <translation>用哪些图像学习</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The network to train</source>
        <translation>要训练的网络</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>How many passes over the training images</source>
        <translation>遍历训练图像的次数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Images per training step; with several GPUs, this many in total, split between them</source>
        <translation>每个训练步的图像数；多块 GPU 时为总数，平均分给各 GPU</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How the weights are updated after each step</source>
        <translation>每步之后如何更新权重</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Step size of each update, e.g. 0.001</source>
        <translation>每次更新的步长，例如 0.001</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Training images</source>
        <translation>训练图像数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use at most this many training images (all = every one)</source>
        <translation>最多使用这么多训练图像（全部 = 使用所有图像）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Where to train</source>
        <translation>在哪里训练</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Dev fraction</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Share of the training images held out to check progress each epoch (0 to 0.5]</source>
        <translation>从训练图像中留出、用于每轮检查进度的比例（0 到 0.5]</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Makes runs repeatable: same seed, same result</source>
        <translation>让运行可复现：相同的种子，相同的结果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>LR schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How the learning rate changes during the run</source>
        <translation>运行期间学习率如何变化</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Early stopping</source>
        <translation>早停</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop when the watched figure has not improved for this many epochs in a row (off = always train every epoch); the test report still runs</source>
        <translation>当监视的指标连续这么多轮没有改善时停止（关闭 = 总是训练完所有轮次）；测试报告照常生成</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Target accuracy</source>
        <translation>目标准确率</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop as soon as the accuracy on the held-out images reaches this value, a fraction: 0.98 means 98 %</source>
        <translation>留出图像上的准确率一达到此值就停止，取小数：0.98 表示 98 %</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Number format for the computation: 16-bit formats are faster on GPUs made for them</source>
        <translation>计算所用的数值格式：16 位格式在为其设计的 GPU 上更快</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>XLA</source>
        <translation>XLA</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compile the training step with XLA: can be faster on a GPU, but slower on the CPU for this small CNN, and the first steps wait for the compiler</source>
        <translation>用 XLA 编译训练步：在 GPU 上可能更快，但对这个小型 CNN 在 CPU 上更慢，且最初几步要等待编译</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Checkpoints</source>
        <translation>检查点</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the model after every epoch (the last two are kept), so a stopped or interrupted run can be resumed; off saves a little time and disk</source>
        <translation>每轮结束后保存模型（保留最近两个），以便继续已停止或中断的运行；关闭可节省少量时间和磁盘空间</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>What early stopping watches: loss or accuracy on held-out images</source>
        <translation>早停监视的指标：留出图像上的损失或准确率</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>When the files are not found, download them from the Keras mirror (MNIST about 11 MB, Fashion-MNIST about 30 MB), check them and keep them in Suanli&apos;s data folder</source>
        <translation>找不到文件时，从 Keras 镜像下载（MNIST 约 11 MB，Fashion-MNIST 约 30 MB），校验后保存在算力的数据文件夹中</translation>
    </message>
    <message>
        <location line="+161"/>
        <source>Train on this GPU only</source>
        <translation>只在这块 GPU 上训练</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Image folder</source>
        <translation>图像文件夹</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>choose a folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The folder of your images: one subfolder per class (cat/, dog/, …), PNG, JPEG, BMP or GIF files inside</source>
        <translation>你的图像所在的文件夹：每个类别一个子文件夹（cat/、dog/、…），其中为 PNG、JPEG、BMP 或 GIF 文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Folder with the dataset files; empty = look in $SUANLI_DATA_DIR, then in Suanli&apos;s own data folder</source>
        <translation>存放数据集文件的文件夹；留空 = 先在 $SUANLI_DATA_DIR 中查找，再在算力自己的数据文件夹中查找</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Choose the image folder</source>
        <translation>选择图像文件夹</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the folder that holds the dataset files</source>
        <translation>选择存放数据集文件的文件夹</translation>
    </message>
    <message>
        <location line="+54"/>
        <source> epoch</source>
        <translation> 轮</translation>
    </message>
    <message>
        <location line="+27"/>
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
        <location filename="../../gui/qt_history_view.py" line="-631"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Throughput</source>
        <translation>吞吐量</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>train (smoothed)</source>
        <translation>训练（平滑）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>train, epoch</source>
        <translation>训练，每轮</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>dev, epoch</source>
        <translation>验证，每轮</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>epoch so far</source>
        <translation>本轮至今</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>epoch average</source>
        <translation>每轮平均</translation>
    </message>
</context>
<context>
    <name>QtScorePanel</name>
    <message>
        <location filename="../../gui/qt_score_panel.py" line="+64"/>
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
        <location line="+7"/>
        <source>the article&apos;s AI suanli: (training + inference FLOPs) / model bytes</source>
        <translation>文章中的 AI 算力：（训练 + 推理 FLOPs）/ 模型字节数</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location line="+45"/>
        <source>not measured yet</source>
        <translation>尚未测量</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>measured</source>
        <translation>已测量</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not available on this machine</source>
        <translation>本机不可用</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>samples/s</source>
        <translation>样本/秒</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>live, this epoch</source>
        <translation>实时，本轮</translation>
    </message>
</context>
<context>
    <name>_Tile</name>
    <message>
        <location line="-53"/>
        <source>not measured yet</source>
        <translation>尚未测量</translation>
    </message>
</context>
</TS>
